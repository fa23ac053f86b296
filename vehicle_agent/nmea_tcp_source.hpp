#pragma once
// NMEA from a TCP feed (a receiver with Ethernet or Wi-Fi, an NTRIP box, gpsd's NMEA port, a
// vehicle gateway). Everything is non-blocking: the host name is looked up in the background,
// connect() completes while the loop serves other sources, and when the peer closes, is not
// there, or goes silent, the source reconnects after a growing pause. It never finishes.
//
// The loop only waits for readability; a connection that failed becomes readable (with an
// error), and one that succeeded is noticed with its first data or at the next poll.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/host_resolver.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/link_retry.hpp"
#include "vehicle_agent/nmea_decoder.hpp"
#include "vehicle_agent/unique_fd.hpp"

namespace ems120::agent {

class NmeaTcpSource : public InputSource<protocol::PositionFix> {
public:
    // Connects on the first poll(), not here: a feed that is down at start-up is not an error.
    NmeaTcpSource(std::string host, unsigned short port, const LinkRetryOptions& retry,
                  std::size_t max_sentence_bytes = kDefaultMaxSentenceBytes);

    int wait_fd() const override;
    std::optional<std::int64_t> next_due() const override;
    void poll(Now now, std::vector<protocol::PositionFix>& out) override;
    bool finished() const override { return false; }
    SourceStats stats() const override { return decoder_.counts().source_stats(); }
    std::string describe() const override;

    NmeaCounts counts() const { return decoder_.counts(); }
    bool connected() const { return state_ == State::connected; }
    std::uint64_t connections() const { return connections_; }
    // Why the last attempt or connection ended, for the agent's log.
    const std::string& last_error() const { return last_error_; }

private:
    enum class State { waiting, resolving, connecting, connected };

    void start_attempt();
    void connect_next_address(std::int64_t now_steady_ms);
    void check_connecting(std::int64_t now_steady_ms);
    void read(std::int64_t now_steady_ms, std::vector<protocol::PositionFix>& out);
    void give_up_address(std::int64_t now_steady_ms, const std::string& why);
    void drop_connection(std::int64_t now_steady_ms, const std::string& why, std::vector<protocol::PositionFix>& out);
    void wait_to_retry(std::int64_t now_steady_ms);

    std::string host_;
    unsigned short port_;
    LinkRetryOptions options_;
    RetryBackoff backoff_;
    State state_ = State::waiting;
    std::int64_t retry_at_steady_ms_ = 0;
    std::int64_t connect_deadline_steady_ms_ = 0;
    std::int64_t last_byte_steady_ms_ = 0;
    std::int64_t last_poll_steady_ms_ = 0;
    std::unique_ptr<HostResolver> resolver_;
    std::vector<SocketAddress> addresses_;
    std::size_t next_address_ = 0;
    UniqueFd socket_;
    std::uint64_t connections_ = 0;
    std::string last_error_;
    NmeaDecoder decoder_;
};

}  // namespace ems120::agent
