# The image of the API (its default command) and of the queue workers (`node dist/src/cli.js worker`,
# see docker-compose.yml): dependencies (sqlite3 compiles from source), the compiled app, strategies.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY bin ./bin
COPY scripts ./scripts
COPY strategies ./strategies
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
