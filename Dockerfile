# LeadHarbor production image: compiled JavaScript, production dependencies only, non-root.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY server ./server
COPY models ./models
COPY migrations ./migrations
COPY types ./types
COPY widget ./widget
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# ADMIN_JS_SKIP_BUNDLE: serve the admin components bundled at build time, never bundle at run time.
ENV NODE_ENV=production PORT=3000 ADMIN_JS_SKIP_BUNDLE=true
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.adminjs ./.adminjs
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server/main.js"]
