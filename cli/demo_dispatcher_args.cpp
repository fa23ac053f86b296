#include "cli/demo_dispatcher_args.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/atomic_file.hpp"
#include "maps/input_error.hpp"

namespace ems120::cli {

int pick_free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw InputError(std::string("cannot open a socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok) throw InputError(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

std::vector<std::string> dispatcher_arguments(const DemoOptions& options, const std::filesystem::path& data_dir,
                                              const DispatcherPorts& ports, std::int64_t sim_epoch_ms) {
    char speed[32];
    std::snprintf(speed, sizeof speed, "%.17g", options.speed);
    std::vector<std::string> args{"dispatcher",
                                  "--insecure",
                                  "--data",
                                  data_dir.string(),
                                  "--listen",
                                  "tcp://127.0.0.1:" + std::to_string(ports.vehicles),
                                  "--http",
                                  ports.http_host + ":" + std::to_string(ports.http_port),
                                  "--sim-speed",
                                  speed,
                                  "--sim-epoch",
                                  std::to_string(sim_epoch_ms)};
    if (options.ack_timeout_s) {
        char timeout[32];
        std::snprintf(timeout, sizeof timeout, "%.17g", *options.ack_timeout_s);
        args.insert(args.end(), {"--ack-timeout", timeout});
    }
    // The map as the demo resolved it, so both read the same file even when the default moves.
    bool map_given = false;
    for (const auto& a : options.map_args) map_given = map_given || a == "--map";
    args.insert(args.end(), options.map_args.begin(), options.map_args.end());
    if (!map_given) args.insert(args.end(), {"--map", options.map.map_path});
    return args;
}

void write_dispatcher_args(const std::filesystem::path& data_dir, const std::vector<std::string>& args) {
    std::string text;
    for (const auto& a : args) text += a + "\n";
    write_file_atomically((data_dir / "dispatcher.args").string(), text);
}

}  // namespace ems120::cli
