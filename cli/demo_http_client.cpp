#include "cli/demo_http_client.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace ems120::cli {

namespace {

class Connection {
public:
    Connection(const HttpServer& server) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        if (::getaddrinfo(server.host.c_str(), std::to_string(server.port).c_str(), &hints, &found) != 0) return;
        for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
            fd_ = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
            if (fd_ < 0) continue;
            timeval tv{server.timeout_ms / 1000, (server.timeout_ms % 1000) * 1000};
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
            if (::connect(fd_, a->ai_addr, a->ai_addrlen) != 0) {
                ::close(fd_);
                fd_ = -1;
            }
        }
        ::freeaddrinfo(found);
    }
    ~Connection() {
        if (fd_ >= 0) ::close(fd_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool open() const { return fd_ >= 0; }

    bool send_all(const std::string& data) {
        for (std::size_t sent = 0; sent < data.size();) {
            const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    // Everything until the server closes (we asked it to); false on a timeout or reset.
    bool read_all(std::string& into) {
        char buffer[16 * 1024];
        for (;;) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n == 0) return true;
            if (n < 0) return false;
            into.append(buffer, static_cast<std::size_t>(n));
        }
    }

private:
    int fd_ = -1;
};

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "5\r\nhello\r\n0\r\n\r\n" -> "hello"
std::optional<std::string> dechunk(const std::string& chunked) {
    std::string body;
    std::size_t at = 0;
    for (;;) {
        const auto eol = chunked.find("\r\n", at);
        if (eol == std::string::npos) return std::nullopt;
        const std::size_t size = std::strtoul(chunked.substr(at, eol - at).c_str(), nullptr, 16);
        if (size == 0) return body;
        if (eol + 2 + size > chunked.size()) return std::nullopt;
        body.append(chunked, eol + 2, size);
        at = eol + 2 + size + 2;
    }
}

std::optional<HttpAnswer> parse_answer(const std::string& raw) {
    const auto head_end = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos) return std::nullopt;
    HttpAnswer answer;
    answer.status = std::atoi(raw.c_str() + raw.find(' ') + 1);
    const std::string head = lower(raw.substr(0, head_end));
    std::string body = raw.substr(head_end + 4);
    if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
        auto plain = dechunk(body);
        if (!plain) return std::nullopt;
        body = std::move(*plain);
    } else if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
        const std::size_t length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
        if (body.size() < length) return std::nullopt;  // cut short: the dispatcher went away
        body.resize(length);
    }
    answer.body = std::move(body);
    return answer;
}

}  // namespace

std::optional<HttpAnswer> http_request(const HttpServer& server, const std::string& method, const std::string& path,
                                       const std::string& body, const HttpHeaders& headers) {
    Connection connection(server);
    if (!connection.open()) return std::nullopt;
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: " + server.host + ":" + std::to_string(server.port) +
                          "\r\nConnection: close\r\nAccept: application/json\r\n";
    for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    std::string raw;
    if (!connection.send_all(request) || !connection.read_all(raw)) return std::nullopt;
    return parse_answer(raw);
}

}  // namespace ems120::cli
