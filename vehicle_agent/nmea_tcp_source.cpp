#include "vehicle_agent/nmea_tcp_source.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "vehicle_agent/nonblocking_read.hpp"

namespace ems120::agent {
namespace {

constexpr std::size_t kReadBudgetBytes = 64 * 1024;
// How often a pending host name lookup is checked (getaddrinfo_a signals nothing the loop can wait on).
constexpr std::int64_t kResolveCheckMs = 20;

std::string errno_text(int error) { return std::strerror(error); }

}  // namespace

NmeaTcpSource::NmeaTcpSource(std::string host, unsigned short port, const LinkRetryOptions& retry,
                             std::size_t max_sentence_bytes)
    : host_(std::move(host)), port_(port), options_(retry), backoff_(retry), decoder_(max_sentence_bytes) {}

int NmeaTcpSource::wait_fd() const {
    return state_ == State::connecting || state_ == State::connected ? socket_.get() : -1;
}

std::optional<std::int64_t> NmeaTcpSource::next_due() const {
    switch (state_) {
        case State::waiting: return retry_at_steady_ms_;
        case State::resolving: return last_poll_steady_ms_ + kResolveCheckMs;
        case State::connecting: return connect_deadline_steady_ms_;
        case State::connected:
            if (options_.silence_timeout_ms <= 0) return std::nullopt;
            return last_byte_steady_ms_ + options_.silence_timeout_ms;
    }
    return std::nullopt;
}

void NmeaTcpSource::poll(Now now, std::vector<protocol::PositionFix>& out) {
    last_poll_steady_ms_ = now.steady_ms;
    if (state_ == State::waiting && now.steady_ms >= retry_at_steady_ms_) start_attempt();
    if (state_ == State::resolving && resolver_->done()) {
        addresses_ = resolver_->addresses();
        next_address_ = 0;
        if (addresses_.empty()) {
            last_error_ = resolver_->error();
            resolver_.reset();
            wait_to_retry(now.steady_ms);
        } else {
            resolver_.reset();
            connect_next_address(now.steady_ms);
        }
    }
    if (state_ == State::connecting) check_connecting(now.steady_ms);
    if (state_ == State::connected) read(now.steady_ms, out);
}

void NmeaTcpSource::start_attempt() {
    // Looked up again on every attempt: a gateway's address may change while the agent runs.
    resolver_ = std::make_unique<HostResolver>(host_, port_);
    state_ = State::resolving;
}

void NmeaTcpSource::connect_next_address(std::int64_t now_steady_ms) {
    while (next_address_ < addresses_.size()) {
        const SocketAddress& address = addresses_[next_address_++];
        UniqueFd fd(::socket(address.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (!fd) {
            last_error_ = "socket: " + errno_text(errno);
            continue;
        }
        if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address.storage), address.length) == 0 ||
            errno == EINPROGRESS) {
            socket_ = std::move(fd);
            state_ = State::connecting;
            connect_deadline_steady_ms_ = now_steady_ms + options_.connect_timeout_ms;
            return;
        }
        last_error_ = describe() + ": " + errno_text(errno);  // e.g. "Network is unreachable"
    }
    wait_to_retry(now_steady_ms);
}

void NmeaTcpSource::check_connecting(std::int64_t now_steady_ms) {
    pollfd writable{socket_.get(), POLLOUT, 0};
    if (::poll(&writable, 1, 0) <= 0) {
        if (now_steady_ms >= connect_deadline_steady_ms_) give_up_address(now_steady_ms, "connect timed out");
        return;
    }
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(socket_.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
    if (error != 0) {
        give_up_address(now_steady_ms, errno_text(error));  // e.g. "Connection refused"
        return;
    }
    state_ = State::connected;
    last_byte_steady_ms_ = now_steady_ms;
    ++connections_;
}

void NmeaTcpSource::give_up_address(std::int64_t now_steady_ms, const std::string& why) {
    last_error_ = describe() + ": " + why;
    socket_.reset();
    connect_next_address(now_steady_ms);
}

void NmeaTcpSource::read(std::int64_t now_steady_ms, std::vector<protocol::PositionFix>& out) {
    const ReadResult result = read_available(socket_.get(), decoder_, out, kReadBudgetBytes);
    if (result.bytes > 0) {
        last_byte_steady_ms_ = now_steady_ms;
        backoff_.reset();  // only a link that delivered counts as working
    }
    if (result.outcome == ReadOutcome::end_of_stream) {
        drop_connection(now_steady_ms, "closed by the peer", out);
    } else if (result.outcome == ReadOutcome::failed) {
        drop_connection(now_steady_ms, errno_text(result.errno_value), out);
    } else if (options_.silence_timeout_ms > 0 && now_steady_ms - last_byte_steady_ms_ >= options_.silence_timeout_ms) {
        drop_connection(now_steady_ms, "silent for " + std::to_string(options_.silence_timeout_ms) + " ms", out);
    }
}

void NmeaTcpSource::drop_connection(std::int64_t now_steady_ms, const std::string& why,
                                    std::vector<protocol::PositionFix>& out) {
    last_error_ = describe() + ": " + why;
    decoder_.end_of_stream(out);
    socket_.reset();
    wait_to_retry(now_steady_ms);
}

void NmeaTcpSource::wait_to_retry(std::int64_t now_steady_ms) {
    socket_.reset();
    addresses_.clear();
    state_ = State::waiting;
    retry_at_steady_ms_ = now_steady_ms + backoff_.next_delay_ms();
}

std::string NmeaTcpSource::describe() const {
    const bool ipv6 = host_.find(':') != std::string::npos;
    return "NMEA over TCP from " + (ipv6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_);
}

}  // namespace ems120::agent
