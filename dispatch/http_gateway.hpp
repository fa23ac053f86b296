#pragma once
// The dispatcher's HTTP/JSON API, as a gateway: each request becomes one JSON command on the
// dispatcher's control socket (the same one `ems120 fleet` uses), so the single thread that owns
// the fleet state answers it and HTTP's worker threads never touch that state.
//   GET  /api/health                     {"ok": true} (the gateway itself)
//   GET  /api/fleet                      the fleet state (as `ems120 fleet --json`)
//   POST /api/vehicles/{id}/orders       body {"id","incident","lat","lon","address","priority","note"}
//   POST /api/incidents                  a call (dispatch/call_intake.hpp); header Idempotency-Key
//   GET  /api/incidents                  open incidents and the last 24 h
//   GET  /api/incidents/{id}             one incident, its timeline and the ranking of units
//   POST /api/incidents/{id}/assign      {"unit"}: the dispatcher's choice
//   POST /api/incidents/{id}/cancel      {"reason"} (optional)
//   GET  /api/kpis, /api/coverage, /api/state, /api/places?q=NAME
//   GET  /api/events                     server-sent events: incident, alert, unit, coverage
//   GET  /api/hospitals/{id}/feed        server-sent events: vitals of patients brought there
//   GET  /api/map/info, /api/map/features the map's name, extent, places, stations, hospitals
//   GET  /api/map/roads?bbox=W,S,E,N&zoom=Z   the road graph's polylines (dispatch/road_tiles)
//   GET  /, /{file}                      the browser console's built files (--console DIR)
// Errors are JSON {"error": "...", "status": N} with 400 (bad request), 404 (unknown path, incident or
// vehicle), 405 (wrong method), 409 (conflicts with the incident's state, ambiguous place), 413
// (body over the limit), 422 (a location off the map) or 503 (the dispatcher did not answer).
// Full reference: docs/http-api.md.
#include <memory>
#include <string>

#include <zmq.hpp>

namespace ems120::dispatch {

struct ConsoleMap;

struct HttpGatewayConfig {
    std::string host = "127.0.0.1";
    int port = 7180;  // 0 = any free port (tests)
    std::string control_endpoint;
    std::string events_endpoint;  // the dispatcher's PUB socket, relayed as server-sent events; empty = none
    std::size_t max_event_clients = 16;
    std::size_t max_body_bytes = 64 * 1024;
    int dispatcher_timeout_ms = 3000;
    // The browser console's built files (GET /, GET /<file>); empty or without index.html: GET /
    // says the console is not built.
    std::string console_directory;
};

class HttpGateway {
public:
    // Binds at once (throws InputError when the address is taken) and serves on its own threads.
    HttpGateway(zmq::context_t& context, HttpGatewayConfig config);
    ~HttpGateway();
    HttpGateway(const HttpGateway&) = delete;
    HttpGateway& operator=(const HttpGateway&) = delete;

    int port() const;
    // The map the console draws (dispatch/console_map), once it has loaded; until then the map
    // routes answer 503.
    void serve_map(std::shared_ptr<const ConsoleMap> map);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ems120::dispatch
