# Almanac add-on image (addon-conventions.md §2). The Supervisor builds it on the
# user's machine from this repository, so the build stage compiles everything
# from source: TypeScript to server/dist, the Lit panel to panel/dist, and
# better-sqlite3's native module against musl. The runtime stage receives only
# those outputs, the production node_modules and rootfs/.
#
# BUILD_FROM has a pinned default, so the image builds without build.yaml
# (Supervisor 2026.04+ passes no BUILD_FROM then) and with it (older
# Supervisors pass build.yaml's per-arch tag, the same release).
ARG BUILD_FROM=ghcr.io/home-assistant/base:3.24-2026.06.1

# ------------------------------------------------------------------------------
# hadolint ignore=DL3006
FROM ${BUILD_FROM} AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /opt/almanac

# nodejs~24: the LTS line of Alpine 3.24, the same in both stages so the native
# module's ABI matches. A fuzzy pin, because Alpine drops superseded package
# revisions and an exact `=x.y.z-rN` pin breaks rebuilds. npm and the compiler
# set are build tools only; nothing of them reaches the runtime stage.
RUN apk add --no-cache nodejs~24 npm \
    && apk add --no-cache --virtual .build-deps python3 make g++

COPY package.json package-lock.json tsconfig.base.json ./
RUN npm ci --no-audit --no-fund

COPY server ./server
COPY panel ./panel
RUN npm run build \
    && npm prune --omit=dev --no-audit --no-fund \
    && npm cache clean --force

# ------------------------------------------------------------------------------
# hadolint ignore=DL3006
FROM ${BUILD_FROM}
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apk add --no-cache nodejs~24

ENV NODE_ENV=production
WORKDIR /opt/almanac
# package.json too: main.js reads Almanac's version from it.
COPY --from=build /opt/almanac/package.json ./package.json
COPY --from=build /opt/almanac/node_modules ./node_modules
COPY --from=build /opt/almanac/server/dist ./server/dist
COPY --from=build /opt/almanac/panel/dist ./panel/dist
COPY rootfs /

ARG BUILD_ARCH
ARG BUILD_VERSION=0.1.0
LABEL \
    io.hass.name="Almanac" \
    io.hass.description="Schedules for lights, pumps, watering and scripts, with grow recipes and a week timeline" \
    io.hass.type="app" \
    io.hass.arch="${BUILD_ARCH}" \
    io.hass.version="${BUILD_VERSION}" \
    io.hass.url="https://github.com/almanac-addon/almanac" \
    org.opencontainers.image.title="Almanac" \
    org.opencontainers.image.description="Schedules for lights, pumps, watering and scripts, with grow recipes and a week timeline" \
    org.opencontainers.image.version="${BUILD_VERSION}" \
    org.opencontainers.image.source="https://github.com/almanac-addon/almanac" \
    org.opencontainers.image.documentation="https://github.com/almanac-addon/almanac/blob/main/DOCS.md" \
    org.opencontainers.image.licenses="MIT"

# /api/health answers 200 while the server serves requests (HA being away is
# "degraded", not dead), so the Supervisor's watchdog restarts only a hung or
# crashed Almanac. The start period covers a first start that migrates the
# database on a slow SD card.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error --output /dev/null http://127.0.0.1:8099/api/health || exit 1
