// Where the e2e servers listen. Ports differ from the demo's (5173, 8787), so both can run at once.
export const SITE_PORT = 4173;
export const COLLECTOR_PORT = 8788;
export const SITE = `http://127.0.0.1:${SITE_PORT}`;
export const COLLECTOR = `http://127.0.0.1:${COLLECTOR_PORT}`;
