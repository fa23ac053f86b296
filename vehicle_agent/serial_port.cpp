#include "vehicle_agent/serial_port.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "maps/input_error.hpp"

namespace ems120::agent {
namespace {

std::optional<speed_t> speed_for(int baud) {
    switch (baud) {
        case 1200: return B1200;
        case 2400: return B2400;
        case 4800: return B4800;
        case 9600: return B9600;
        case 19200: return B19200;
        case 38400: return B38400;
        case 57600: return B57600;
        case 115200: return B115200;
        case 230400: return B230400;
        case 460800: return B460800;
        case 921600: return B921600;
        default: return std::nullopt;
    }
}

[[noreturn]] void fail(const std::string& device, const std::string& what) {
    throw InputError(device + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

bool is_supported_baud(int baud) { return speed_for(baud).has_value(); }

UniqueFd open_serial_port(const std::string& device, int baud) {
    const auto speed = speed_for(baud);
    if (!speed) throw InputError(device + ": unsupported baud rate " + std::to_string(baud));
    // O_NOCTTY: a receiver must never become the agent's controlling terminal (a hangup on the
    // line would then kill the agent).
    UniqueFd fd(::open(device.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) fail(device, "cannot open");
    if (!::isatty(fd.get())) throw InputError(device + ": not a serial device (a baud rate applies only to one)");

    termios tty{};
    if (::tcgetattr(fd.get(), &tty) != 0) fail(device, "cannot read the line settings");
    ::cfmakeraw(&tty);
    tty.c_cflag &= ~static_cast<tcflag_t>(PARENB | CSTOPB | CSIZE | CRTSCTS);
    tty.c_cflag |= CS8 | CLOCAL | CREAD;
    tty.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    tty.c_cc[VMIN] = 0;
    tty.c_cc[VTIME] = 0;
    if (::cfsetispeed(&tty, *speed) != 0 || ::cfsetospeed(&tty, *speed) != 0) fail(device, "cannot set the baud rate");
    if (::tcsetattr(fd.get(), TCSANOW, &tty) != 0) fail(device, "cannot apply the line settings");
    // Whatever sat in the driver's buffer was sent before we listened, possibly at another rate.
    ::tcflush(fd.get(), TCIFLUSH);
    return fd;
}

}  // namespace ems120::agent
