// How a unit looks, by crew status: the same colours on the map, in lists and in the legend.
export const statusColours = {
  available: '#2e7d32',
  en_route: '#ef6c00',
  on_scene: '#c62828',
  patient_contact: '#c62828',
  transporting: '#6a1b9a',
  at_hospital: '#1565c0',
  handover: '#1565c0',
  out_of_service: '#616161',
};
export const unknownColour = '#9e9e9e';
export const staleColour = '#9e9e9e';

export function unitColour(unit) {
  if (unit.stale || unit.connected === false) return staleColour;
  return statusColours[unit.status] ?? (unit.free ? statusColours.available : unknownColour);
}

export const priorityColours = {
  critical: '#d50000',
  emergency: '#ff6d00',
  urgent: '#f9a825',
  non_urgent: '#0277bd',
};
export const priorities = ['critical', 'emergency', 'urgent', 'non_urgent'];
