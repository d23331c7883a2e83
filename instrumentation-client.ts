import { config } from 'zod/v4/core';

// Zod compiles its object parsers with `new Function`, after probing whether it may. Under the
// Content-Security-Policy (no 'unsafe-eval') even that caught probe is reported as a violation
// on every page that builds a schema. Next.js runs this file before any page code, so before any
// schema exists (zod decides when a schema is built). `zod/v4/core` is the module that holds the
// setting, and keeps the rest of zod out of this first chunk.
config({ jitless: true });
