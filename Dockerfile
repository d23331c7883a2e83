# syntax=docker/dockerfile:1
#
# Factdesk's production images (compose.yaml runs them as the scale-out topology):
#   docker build --target app   -t factdesk-app   .   # the web instance; the worker runs it too
#   docker build --target cache -t factdesk-cache .   # nginx: load balancer and shared HTTP cache
# The last stage, `app`, is what a plain `docker build .` makes. Both run as a non-root user.
# The app needs DATABASE_URL and AUTH_SECRET at run time (README, configuration); it migrates
# the database under an advisory lock when it starts.

# ---- deps: every package of the lockfile (the build needs the dev dependencies) ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: `next build` (type-checks the whole project, so it is given all of it) ----
FROM deps AS build
COPY . .
# The build cache is of no use at run time; the running server makes its own .next/cache.
RUN npm run build \
    && rm -rf .next/cache

# ---- runtime-deps: the dependencies without the dev ones (tsx is a dependency: it stays) ----
FROM deps AS runtime-deps
RUN npm prune --omit=dev --no-audit --no-fund

# ---- cache: nginx from Debian's packages, as www-data ----
FROM debian:bookworm-slim AS cache
# In bookworm nginx-light is a transitional package that brings `nginx`. No cache purge module:
# Debian's (libnginx-mod-http-cache-purge 2.3) crashes nginx's worker on any PURGE; the template
# purges by refreshing instead (see its header). gettext-base: envsubst.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light gettext-base \
    && rm -rf /var/lib/apt/lists/*
# Everything nginx writes is this user's: the state directory (pid file, temp files, cache), the
# package's default temp directory (used if the configuration names none), and the one file the
# configuration is written to. Logs go to the container's output.
RUN install -d -o www-data -g www-data -m 0750 /var/cache/factdesk-nginx /var/lib/nginx \
    && install -d -m 0755 /etc/nginx/factdesk \
    && install -o www-data -g www-data -m 0644 /dev/null /etc/nginx/factdesk.conf \
    && mkdir -p /var/log/nginx \
    && ln -sf /dev/stdout /var/log/nginx/access.log \
    && ln -sf /dev/stderr /var/log/nginx/error.log
COPY scripts/cluster/nginx.conf.template /etc/nginx/factdesk/nginx.conf.template
COPY scripts/cluster/cache-entrypoint.sh /usr/local/lib/factdesk/cache-entrypoint.sh
# FACTDESK_NGINX_UPSTREAMS and FACTDESK_NGINX_PURGE_FROM have no default: they depend on the
# deployment (compose.yaml sets them); the entrypoint refuses to start without them.
ENV FACTDESK_NGINX_LISTEN=8080 \
    FACTDESK_NGINX_STATE=/var/cache/factdesk-nginx
USER www-data
EXPOSE 8080
# nginx's graceful stop: requests under way are finished.
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/bin/sh", "/usr/local/lib/factdesk/cache-entrypoint.sh"]

# ---- app: the server (scripts/start.ts --prebuilt) as the image's `node` user ----
FROM node:20-bookworm-slim AS app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
WORKDIR /app
# Owned by root, read-only to the server: only .next (Next.js's cache at run time) is its own.
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/next.config.js /app/tsconfig.json ./
# The sources tsx runs (the launcher, the server, the worker and what they import), the
# migrations (db/migrations) and the static files.
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/db ./db
COPY --from=build /app/lib ./lib
COPY --from=build /app/public ./public
COPY --from=build /app/scripts ./scripts
COPY --from=build --chown=node:node /app/.next ./.next
USER node
EXPOSE 3000
# No curl in the slim image: Node's fetch. robots.txt is read from the database, so a healthy
# instance is one that serves pages, not only one that listens.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/robots.txt', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `npm start -- --prebuilt` without npm in between, so that SIGTERM reaches the launcher, which
# stops the server it supervises (it migrates first; --prebuilt: never builds in the container).
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--prebuilt"]
