#include "vehicle_agent/nmea_tcp_source.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/vehicle_agent/drive_log.hpp"
#include "tests/vehicle_agent/source_driver.hpp"
#include "vehicle_agent/nmea_source.hpp"

using namespace ems120::agent;
using ems120::protocol::PositionFix;
using ems120::test::drive_log;
using ems120::test::step_until;

namespace {

// An NMEA feed on 127.0.0.1, as a receiver's TCP server or a gateway would offer it.
class FeedServer {
public:
    explicit FeedServer(unsigned short port = 0) {
        listener_.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        REQUIRE(listener_);
        const int yes = 1;
        ::setsockopt(listener_.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(listener_.get(), 4) == 0);
        socklen_t length = sizeof address;
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }

    unsigned short port() const { return port_; }

    // The next connection, waiting at most a second for it.
    UniqueFd accept_client() {
        pollfd ready{listener_.get(), POLLIN, 0};
        REQUIRE(::poll(&ready, 1, 1000) == 1);
        UniqueFd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
        REQUIRE(client);
        return client;
    }

    void stop() { listener_.reset(); }

private:
    UniqueFd listener_;
    unsigned short port_ = 0;
};

void send_all(const UniqueFd& client, const std::string& bytes) {
    REQUIRE(::send(client.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
}

LinkRetryOptions quick_retries() {
    LinkRetryOptions retry;
    retry.first_retry_ms = 20;
    retry.max_retry_ms = 160;
    return retry;
}

unsigned short unused_port() {
    FeedServer probe;
    return probe.port();  // closed again when probe goes away
}

}  // namespace

TEST_CASE("a TCP feed is read as it arrives; after the server restarts the source reconnects and reads on") {
    FeedServer server;
    const unsigned short port = server.port();
    NmeaTcpSource source("127.0.0.1", port, quick_retries());
    CHECK(source.describe() == "NMEA over TCP from 127.0.0.1:" + std::to_string(port));
    std::vector<PositionFix> fixes;

    REQUIRE(step_until(source, fixes, [&] { return source.connected(); }));
    {
        const UniqueFd client = server.accept_client();
        send_all(client, drive_log(3));
        REQUIRE(step_until(source, fixes, [&] { return fixes.size() == 3; }));
        server.stop();  // the whole server goes down, not only this connection
    }
    REQUIRE(step_until(source, fixes, [&] { return !source.connected(); }));
    CHECK_THAT(source.last_error(), Catch::Contains("closed by the peer"));

    // While it is down every attempt is refused; the source waits and retries, never blocking.
    REQUIRE(step_until(source, fixes, [&] { return source.last_error().find("refused") != std::string::npos; }));
    CHECK_FALSE(source.finished());

    FeedServer restarted(port);
    REQUIRE(step_until(source, fixes, [&] { return source.connected(); }));
    const UniqueFd client = restarted.accept_client();
    send_all(client, drive_log(2, 3));
    REQUIRE(step_until(source, fixes, [&] { return fixes.size() == 5; }));
    CHECK(source.connections() == 2);
    CHECK(fixes.back().gnss_time - fixes.front().gnss_time == 4000);
    CHECK(source.stats().readings == 5);
    CHECK_FALSE(source.finished());
}

TEST_CASE("a feed that is not there at start-up is retried until it comes up") {
    const unsigned short port = unused_port();
    NmeaTcpSource source("127.0.0.1", port, quick_retries());
    std::vector<PositionFix> fixes;
    REQUIRE(step_until(source, fixes, [&] { return !source.last_error().empty(); }));
    CHECK_THAT(source.last_error(), Catch::Contains("Connection refused"));
    CHECK(source.wait_fd() == -1);
    REQUIRE(source.next_due());  // a timer, not a busy loop

    FeedServer late(port);
    REQUIRE(step_until(source, fixes, [&] { return source.connected(); }));
    const UniqueFd client = late.accept_client();
    send_all(client, drive_log(2));
    CHECK(step_until(source, fixes, [&] { return fixes.size() == 2; }));
}

TEST_CASE("a connection that goes silent is dropped and made again") {
    FeedServer server;
    LinkRetryOptions retry = quick_retries();
    retry.silence_timeout_ms = 150;
    NmeaTcpSource source("127.0.0.1", server.port(), retry);
    std::vector<PositionFix> fixes;
    REQUIRE(step_until(source, fixes, [&] { return source.connected(); }));
    const UniqueFd quiet = server.accept_client();
    REQUIRE(step_until(source, fixes, [&] { return source.connections() == 2; }));
    CHECK_THAT(source.last_error(), Catch::Contains("silent for 150 ms"));
}

TEST_CASE("a host name is looked up in the background and each of its addresses is tried") {
    FeedServer server;  // IPv4 only: "localhost" may resolve to ::1 first, which then refuses
    const auto source = open_position_source("nmea-tcp:localhost:" + std::to_string(server.port()), {});
    auto& tcp = dynamic_cast<NmeaTcpSource&>(*source);
    std::vector<PositionFix> fixes;
    REQUIRE(step_until(*source, fixes, [&] { return tcp.connected(); }));
    const UniqueFd client = server.accept_client();
    send_all(client, drive_log(2));
    CHECK(step_until(*source, fixes, [&] { return fixes.size() == 2; }));
}

TEST_CASE("a host name that does not resolve never blocks the loop and is retried like a refused connection") {
    NmeaTcpSource source("no-such-host.invalid", 10110, quick_retries());
    std::vector<PositionFix> fixes;
    // Without a network the lookup may take the resolver's whole timeout; the loop goes on meanwhile.
    const bool answered = step_until(
        source, fixes, [&] { return !source.last_error().empty(); }, 2000);
    if (answered) CHECK_THAT(source.last_error(), Catch::Contains("no-such-host.invalid"));
    CHECK_FALSE(source.connected());
    CHECK_FALSE(source.finished());
    REQUIRE(source.next_due());
}

TEST_CASE("reconnection pauses double up to their limit and start small again after a working link") {
    LinkRetryOptions options;
    options.first_retry_ms = 500;
    options.max_retry_ms = 3000;
    RetryBackoff backoff(options);
    CHECK(backoff.next_delay_ms() == 500);
    CHECK(backoff.next_delay_ms() == 1000);
    CHECK(backoff.next_delay_ms() == 2000);
    CHECK(backoff.next_delay_ms() == 3000);
    CHECK(backoff.next_delay_ms() == 3000);
    backoff.reset();
    CHECK(backoff.next_delay_ms() == 500);
}
