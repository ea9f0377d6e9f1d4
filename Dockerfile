# Almanac add-on image (addon-conventions.md §2). The Supervisor builds it on the
# user's machine from this repository, so the build stage builds everything from
# source: the server bundled by esbuild into server/bundle (one entry file plus
# lazily loaded chunks, with better-sqlite3's native module compiled against musl
# and copied into server/bundle/node_modules), and the Lit panel into panel/dist.
# The runtime stage receives only those two folders, package.json and rootfs/:
# no other node_modules, no sources, no npm.
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

COPY scripts/bundle.ts scripts/bundle-trims.ts scripts/build-state.ts scripts/runtime-modules.ts ./scripts/
COPY server ./server
COPY panel ./panel
RUN npm run build:bundle \
    && npm run build:panel

# ------------------------------------------------------------------------------
# hadolint ignore=DL3006
FROM ${BUILD_FROM}
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apk add --no-cache nodejs~24

ENV NODE_ENV=production
WORKDIR /opt/almanac
# package.json too: the server reads Almanac's version from it.
COPY --from=build /opt/almanac/package.json ./package.json
COPY --from=build /opt/almanac/server/bundle ./server/bundle
COPY --from=build /opt/almanac/panel/dist ./panel/dist
COPY rootfs /
# `almanac` on the PATH of the add-on's terminal (docker exec, the SSH add-on).
RUN ln -s /opt/almanac/server/bundle/almanac.js /usr/local/bin/almanac

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
