#include "vehicle_agent/host_resolver.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>

#include <cstring>

namespace ems120::agent {

// Everything glibc's resolver thread may touch until the lookup is over, kept at one address.
struct HostResolver::Request {
    std::string host;
    std::string port;
    addrinfo hints{};
    gaicb control{};
};

std::optional<SocketAddress> numeric_address(const std::string& host, unsigned short port) {
    SocketAddress address;
    sockaddr_in v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        std::memcpy(&address.storage, &v4, sizeof v4);
        address.length = sizeof v4;
        return address;
    }
    sockaddr_in6 v6{};
    if (::inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        std::memcpy(&address.storage, &v6, sizeof v6);
        address.length = sizeof v6;
        return address;
    }
    return std::nullopt;
}

HostResolver::HostResolver(const std::string& host, unsigned short port) : request_(std::make_unique<Request>()) {
    if (auto numeric = numeric_address(host, port)) {
        addresses_.push_back(*numeric);
        done_ = true;
        request_.reset();
        return;
    }
    Request& r = *request_;
    r.host = host;
    r.port = std::to_string(port);
    r.hints.ai_family = AF_UNSPEC;
    r.hints.ai_socktype = SOCK_STREAM;
    // No AI_ADDRCONFIG: with the modem down only loopback is configured, and it would then
    // refuse "localhost", where an NMEA gateway on the same box listens.
    r.control.ar_name = r.host.c_str();
    r.control.ar_service = r.port.c_str();
    r.control.ar_request = &r.hints;
    gaicb* list[] = {&r.control};
    sigevent no_signal{};
    no_signal.sigev_notify = SIGEV_NONE;
    if (const int started = ::getaddrinfo_a(GAI_NOWAIT, list, 1, &no_signal); started != 0) {
        error_ = host + ": " + ::gai_strerror(started);
        done_ = true;
        request_.reset();
    }
}

HostResolver::~HostResolver() {
    if (!request_ || done_) return;
    if (::gai_cancel(&request_->control) == EAI_NOTCANCELED) {
        const gaicb* list[] = {&request_->control};
        while (::gai_error(&request_->control) == EAI_INPROGRESS) ::gai_suspend(list, 1, nullptr);
    }
    if (request_->control.ar_result) ::freeaddrinfo(request_->control.ar_result);
}

bool HostResolver::done() {
    if (done_) return true;
    const int status = ::gai_error(&request_->control);
    if (status == EAI_INPROGRESS) return false;
    done_ = true;
    if (status != 0) {
        error_ = request_->host + ": " + ::gai_strerror(status);
    } else {
        for (const addrinfo* a = request_->control.ar_result; a; a = a->ai_next) {
            if (a->ai_addrlen > sizeof(sockaddr_storage)) continue;
            SocketAddress address;
            std::memcpy(&address.storage, a->ai_addr, a->ai_addrlen);
            address.length = a->ai_addrlen;
            addresses_.push_back(address);
        }
        if (addresses_.empty()) error_ = request_->host + ": no address";
    }
    if (request_->control.ar_result) ::freeaddrinfo(request_->control.ar_result);
    request_.reset();
    return true;
}

}  // namespace ems120::agent
