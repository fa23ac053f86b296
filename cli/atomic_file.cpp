#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "maps/input_error.hpp"

namespace ems120::cli {

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::filesystem::path target(path);
    const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string hidden_name = ".";  // built step by step: GCC 12 warns falsely on "." + string here
    hidden_name += target.filename().string();
    hidden_name += ".tmp-XXXXXX";
    std::string temp = (dir / hidden_name).string();
    const int fd = mkstemp(temp.data());
    if (fd < 0) throw InputError(path + ": cannot write: " + std::strerror(errno));
    const auto fail = [&](int err) {
        close(fd);
        std::remove(temp.c_str());
        throw InputError(path + ": cannot write: " + std::strerror(err));
    };
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        done += static_cast<std::size_t>(n);
    }
    // mkstemp makes the file 0600: give it what a plain open() would have given (or keep the mode
    // of the file it replaces), so a private report stays private and a shared one shared.
    struct stat existing {};
    mode_t mode = 0;
    if (stat(path.c_str(), &existing) == 0) {
        mode = existing.st_mode & 07777;
    } else {
        const mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) != 0 || fsync(fd) != 0) fail(errno);
    if (close(fd) != 0) {
        const int err = errno;
        std::remove(temp.c_str());
        throw InputError(path + ": cannot write: " + std::strerror(err));
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(temp.c_str());
        throw InputError(path + ": cannot write: " + std::strerror(err));
    }
}

}  // namespace ems120::cli
