#pragma once
// An HTTP/1.1 request sent byte for byte as written (an HTTP client library may tidy "/../" away,
// and the CLI tests link none), and the whole answer as text. For tests on 127.0.0.1 only.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <string>

namespace ems120::test {

// `request_head` is the request line and any header lines, without the final blank line. Reads
// until the server closes or `max_bytes` arrived; nullopt when nobody listens on the port.
inline std::optional<std::string> raw_http(int port, const std::string& request_head, std::size_t max_bytes = 1 << 24,
                                           int timeout_s = 10) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return std::nullopt;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{timeout_s, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    const std::string request = request_head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
        ::close(fd);
        return std::nullopt;
    }
    std::string answer;
    char buffer[4096];
    for (ssize_t n; answer.size() < max_bytes && (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        answer.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return answer;
}

// The status code of a raw answer; 0 when it is not an HTTP answer.
inline int raw_http_status(const std::string& answer) {
    if (!answer.starts_with("HTTP/1.1 ") || answer.size() < 12) return 0;
    return std::stoi(answer.substr(9, 3));
}

}  // namespace ems120::test
