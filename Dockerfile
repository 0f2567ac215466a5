# The API (and the built dashboard) against a ClickHouse server (CLICKHOUSE_URL).
FROM node:20-bookworm-slim
WORKDIR /app
# Debian's chromium renders GET /report.pdf (CHROMIUM_PATH defaults to /usr/bin/chromium).
RUN apt-get update && apt-get install -y --no-install-recommends chromium && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && (pnpm --filter @collections/dashboard run --if-present build)
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
CMD ["pnpm", "api"]
