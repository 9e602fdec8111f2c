# syntax=docker/dockerfile:1
# IRISX images, from one dependency stage:
#   app    (default): Next.js: portal, agent desktop, admin, REST API, tRPC, Inngest endpoint
#   worker: the event-socket (ESL) link to FreeSWITCH, call control, ACD and dialer pacing
# Build:  docker build -t irisx-app .   and   docker build --target worker -t irisx-worker .
# Run: see docker-compose.yml for the environment each needs.

# ---- dependencies (the postinstall step generates the Prisma client) ---------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.ts ./scripts/prisma-generate.ts
RUN npm ci --no-audit --no-fund

# ---- build ------------------------------------------------------------------------------------------
FROM deps AS build
COPY . .
RUN npx next build

# ---- worker -----------------------------------------------------------------------------------------
# The worker imports src/server use-cases directly (run by tsx), so it needs no Next build.
FROM node:20-bookworm-slim AS worker
WORKDIR /app
ENV NODE_ENV=production IRISX_SERVICE=worker
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node src ./src
COPY --chown=node:node worker ./worker
COPY --from=deps --chown=node:node /app/src/generated ./src/generated
# The shared volumes' mount points, owned by the worker's user so a fresh named volume starts writable: it reads and
# deletes the switch's recordings and writes the audio the switch plays (docker-compose.yml).
RUN mkdir -p /var/lib/freeswitch/recordings /var/lib/freeswitch/media && chown node:node /var/lib/freeswitch/recordings /var/lib/freeswitch/media
USER node
CMD ["node", "--import", "tsx", "worker/main.ts"]

# ---- app (last, so a plain `docker build` produces it) ----------------------------------------------
# `next start` through scripts/start.ts: it applies migrations and seeds demo data (unless DEMO_SEED=0)
# before serving. node_modules keeps its dev dependencies: the launcher runs TypeScript through tsx.
FROM node:20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"
# One Node process (no npm wrapper), so SIGTERM from `docker stop` reaches the launcher, which stops Next.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
