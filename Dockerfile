# One image for every Ciclo app; docker-compose picks the app with APP_NAME.
# Stage 1 installs dependencies (with the dev tools `prisma generate` needs); stage 2 keeps only
# what runs. Apps run from TypeScript source through tsx, exactly as `npm start` runs them
# (`--conditions=@ciclo/source`: workspace libs resolve to their source, not to a build).

FROM node:20.19-bookworm-slim AS deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false CI=true
COPY package.json package-lock.json ./
COPY apps/chat-core/package.json apps/chat-core/
COPY apps/nlp-service/package.json apps/nlp-service/
COPY apps/feedback-collector/package.json apps/feedback-collector/
COPY apps/retraining-orchestrator/package.json apps/retraining-orchestrator/
COPY apps/model-registry/package.json apps/model-registry/
COPY apps/cli/package.json apps/cli/
COPY apps/launcher/package.json apps/launcher/
COPY libs/ libs/
COPY prisma/ prisma/
COPY prisma.config.ts ./
COPY tools/ tools/
RUN npm ci --no-audit --no-fund

FROM node:20.19-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 LOG_LEVEL=info
RUN groupadd --system ciclo && useradd --system --gid ciclo --home /app ciclo
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/libs ./libs
COPY package.json package-lock.json tsconfig.base.json prisma.config.ts ./
COPY prisma/ prisma/
COPY tools/ tools/
COPY apps/ apps/
USER ciclo
# APP_NAME: chat-core | nlp-service | feedback-collector | retraining-orchestrator | model-registry
ENV APP_NAME=chat-core
CMD ["sh", "-c", "exec node --conditions=@ciclo/source --import tsx apps/${APP_NAME}/src/main.ts"]
