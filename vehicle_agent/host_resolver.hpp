#pragma once
// Turns HOST:PORT into socket addresses without blocking the poll loop. A numeric address
// (192.168.1.20, ::1) needs no lookup; a name goes to glibc's getaddrinfo_a, which resolves in a
// thread of its own while the loop asks done() now and then. A synchronous lookup with no network
// (a tunnel, a dead modem) would stall positions and vital signs for the resolver's whole timeout.
#include <sys/socket.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ems120::agent {

struct SocketAddress {
    sockaddr_storage storage{};
    socklen_t length = 0;
};

// The address when `host` is a numeric IPv4 or IPv6 address, else nullopt.
std::optional<SocketAddress> numeric_address(const std::string& host, unsigned short port);

class HostResolver {
public:
    HostResolver(const std::string& host, unsigned short port);
    // Waits for a lookup that can no longer be cancelled, as glibc still writes into it.
    ~HostResolver();
    HostResolver(const HostResolver&) = delete;
    HostResolver& operator=(const HostResolver&) = delete;

    // True once the lookup has an answer (addresses() non-empty) or failed (error() non-empty).
    bool done();
    const std::vector<SocketAddress>& addresses() const { return addresses_; }
    const std::string& error() const { return error_; }

private:
    struct Request;
    std::unique_ptr<Request> request_;
    bool done_ = false;
    std::vector<SocketAddress> addresses_;
    std::string error_;
};

}  // namespace ems120::agent
