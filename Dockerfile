# One image for every process; the process is chosen by the command, e.g.
#   docker run IMAGE node .build/services/influencers/src/main.js      (compose.yaml `command`, Cloud Run --command/--args)
# The only build step strips the TypeScript sources of their types into .build/ (`npm run build`, the transform
# Node applies when it runs a .ts file, done once here instead of in every process: 28–36 MB less resident
# memory per process).

# Only the package manifests, so the dependency layer is rebuilt only when they change.
FROM node:24.21.0-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN find . -name node_modules -prune -o -name package.json -print \
    | while read -r file; do mkdir -p "/manifests/$(dirname "$file")" && cp "$file" "/manifests/$file"; done \
 && cp package-lock.json .npmrc /manifests/

FROM node:24.21.0-bookworm-slim AS dependencies
WORKDIR /app
COPY --from=manifests /manifests/ ./
# Production dependencies of every workspace, exactly as locked; no dev tools (typescript, eslint, the pinned
# node binary: the image has its own Node 24).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production
# V8 heap limits: each process stays under 150 MB resident at saturation (docs/benchmarks.md).
ENV NODE_OPTIONS="--max-old-space-size=80 --max-semi-space-size=4"
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/ ./
COPY --chown=node:node . .
RUN node scripts/build.ts
USER node
# Listen on every interface inside the container (the services default to 127.0.0.1).
ENV HOST=0.0.0.0
CMD ["node", ".build/services/bff/src/main.js"]
