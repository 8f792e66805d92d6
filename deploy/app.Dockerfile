# Reference image of the TypeScript side: the web app, the workers and the one-off jobs
# (`npm run migrate`, `npm run deploy`) share it and differ only by their command.
# Not built by the project's scripts:
#   docker build -f deploy/app.Dockerfile -t registry.example.gov.cn/yingsu/app:0.1.0 .
# The files it copies are limited by deploy/app.Dockerfile.dockerignore.
FROM node:24-bookworm-slim

# What src/setup/requirements.ts asks of Debian for production: Chromium prints the legal
# documents (文书) to PDF, in Noto CJK fonts. (poppler-utils is for tests only.)
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly (it is a runtime dependency): no build step.
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .

# the image's own user "node" (uid 1000); the Deployments run as it
USER 1000
# the product's own settings (HOST=0.0.0.0, PORT, ENGINE_REST_URL, ...) come from the ConfigMap
ENV NODE_ENV=production
EXPOSE 3000
# No default command: each Deployment/Job names its own (docs/production.md, "Entry points").
CMD ["npm", "run"]
