/** The address of the server Playwright starts for the run (playwright.config.ts). */
export const e2ePort = Number(process.env.E2E_PORT ?? 3210);
export const e2eBaseUrl = `http://localhost:${e2ePort}`;
