// crm-lens in Vue 3: tell the template compiler that crm-* tags are custom elements
// (compilerOptions.isCustomElement), then use them like any tag; `.prop` binds a property.
import { createApp, ref } from 'vue';
import 'crm-lens';

const app = createApp({
  setup() {
    const selected = ref('nothing selected');
    const onSelect = (event) => {
      selected.value = event.detail ? `${event.detail.label ?? event.detail.key}: ${event.detail.customers.length} customers` : 'nothing selected';
    };
    return { selected, onSelect, period: ref('quarter') };
  },
  template: `
    <h1>crm-lens in Vue 3</h1>
    <p id="selection" role="status">{{ selected }}</p>
    <crm-feed src="../data/company.json">
      <crm-kpi-tiles metrics="customers,revenue,retention,nps" :period="period"></crm-kpi-tiles>
      <crm-rfm-grid color-by="customers" @crm-select="onSelect"></crm-rfm-grid>
      <crm-value-quadrant></crm-value-quadrant>
      <crm-journey-map></crm-journey-map>
      <crm-churn-heatmap></crm-churn-heatmap>
    </crm-feed>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('crm-');
app.mount('#app');
