#include "cli/data_directory.hpp"

#include <sys/stat.h>

#include "maps/input_error.hpp"

namespace ems120::cli {

DataDirectory::DataDirectory(std::filesystem::path root, bool create) : root_(std::filesystem::absolute(std::move(root))) {
    std::error_code error;
    if (create && !std::filesystem::exists(root_, error)) {
        std::filesystem::create_directories(root_, error);
        if (error) throw InputError("cannot create the data directory " + root_.string() + ": " + error.message());
        ::chmod(root_.c_str(), 0700);
    }
    if (!std::filesystem::is_directory(root_, error)) throw InputError(root_.string() + " is not a directory");
    // ipc:// paths are limited by the socket address size (108 bytes on Linux).
    if (control_endpoint().size() - 6 >= 107) throw InputError("the data directory path " + root_.string() + " is too long for its control socket");
}

}  // namespace ems120::cli
