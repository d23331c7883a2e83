/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() and unauthorized() answer 403/401 only with this flag.
  experimental: {
    authInterrupts: true,
    // Import sends up to 1 MB of text through a server action (the default limit is 1 MB).
    serverActions: { bodySizeLimit: '2mb' },
    // Next loads every route's modules at start by default: the editor's stack, the source
    // fetching and capture libraries and the rest stayed in the web server's memory although
    // the public site, served from memory by scripts/server.ts, uses none of them (RSS 318 MiB
    // after the search benchmark, target 300). Routes now load when first asked for.
    preloadEntriesOnStart: false,
  },
  // Native and worker-based packages must be required at run time, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pino', 'postgres'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
