/** A Lit attribute converter for JSON attributes (`labels`, `map`, `targets` ...): bad JSON warns and is ignored. */
import type { ComplexAttributeConverter } from 'lit';
import { warn } from './warnings.js';

/** Converter that parses the attribute as JSON; invalid JSON gives undefined and a `bad-json-attribute` warning. */
export function jsonAttribute<T>(attribute: string): ComplexAttributeConverter<T | undefined> {
  return {
    fromAttribute(value: string | null): T | undefined {
      if (value === null || value.trim() === '') return undefined;
      try {
        return JSON.parse(value) as T;
      } catch {
        warn('bad-json-attribute', `the ${attribute} attribute is not valid JSON and is ignored`);
        return undefined;
      }
    },
    toAttribute(value: T | undefined): string | null {
      return value === undefined ? null : JSON.stringify(value);
    },
  };
}
