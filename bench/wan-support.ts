/** What the WAN part of the bench takes from the tests' support: the shaping proxy and Apache as the tests run it. */
export { serverAvailable, startApache, stopAllServers } from '../test/support/servers.js';
export { roundTrips, startShapingProxy } from '../test/support/shaping-proxy.js';
