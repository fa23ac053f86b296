#pragma once
// How each end sets up its socket: CURVE by default, plaintext only when asked for (--insecure).
#include <optional>
#include <string>

#include <zmq.hpp>

#include "link/curve_keys.hpp"

namespace ems120::link {

struct ServerSecurity {
    std::optional<KeyPair> keys;  // nullopt = insecure (plaintext, no authentication)
};

struct ClientSecurity {
    std::optional<KeyPair> keys;     // this vehicle's pair; nullopt = insecure
    std::string server_public_key;   // Z85, required with keys
};

// Must be applied before bind()/connect(). The server's ZAP domain makes libzmq consult the
// ZapHandler for every connection.
void apply(zmq::socket_t& socket, const ServerSecurity& security);
void apply(zmq::socket_t& socket, const ClientSecurity& security);

}  // namespace ems120::link
