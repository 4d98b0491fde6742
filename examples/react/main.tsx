// crm-lens in React 19: the tags used directly (React 19 passes properties and listens to custom
// events on custom elements); the selection comes back through a `crm-select` event.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'crm-lens';
import type { CrmSelectDetail } from 'crm-lens';

function Dashboard() {
  const [selected, setSelected] = useState('nothing selected');
  const onSelect = (event: CustomEvent<CrmSelectDetail>) =>
    setSelected(event.detail ? `${event.detail.label ?? event.detail.key}: ${event.detail.customers.length} customers` : 'nothing selected');
  return (
    <>
      <h1>crm-lens in React 19</h1>
      <p id="selection" role="status">{selected}</p>
      <crm-feed src="../data/company.json">
        <crm-kpi-tiles metrics="customers,revenue,retention,nps" period="quarter"></crm-kpi-tiles>
        <crm-rfm-grid color-by="customers" oncrm-select={onSelect}></crm-rfm-grid>
        <crm-value-quadrant></crm-value-quadrant>
        <crm-journey-map></crm-journey-map>
        <crm-churn-heatmap></crm-churn-heatmap>
      </crm-feed>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Dashboard />);
