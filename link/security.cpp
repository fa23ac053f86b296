#include "link/security.hpp"

namespace ems120::link {

void apply(zmq::socket_t& socket, const ServerSecurity& security) {
    if (!security.keys) return;
    socket.set(zmq::sockopt::curve_server, 1);
    socket.set(zmq::sockopt::curve_secretkey, security.keys->secret_key);
    socket.set(zmq::sockopt::zap_domain, "ems120");
}

void apply(zmq::socket_t& socket, const ClientSecurity& security) {
    if (!security.keys) return;
    socket.set(zmq::sockopt::curve_serverkey, security.server_public_key);
    socket.set(zmq::sockopt::curve_publickey, security.keys->public_key);
    socket.set(zmq::sockopt::curve_secretkey, security.keys->secret_key);
}

}  // namespace ems120::link
