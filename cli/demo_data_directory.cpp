#include "cli/demo_data_directory.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>

#include "maps/input_error.hpp"

namespace ems120::cli {

DemoDataDirectory::DemoDataDirectory(const std::optional<std::string>& given) {
    if (given) {
        std::error_code ec;
        std::filesystem::create_directories(*given, ec);
        if (ec) throw InputError("cannot create the data directory " + *given + ": " + ec.message());
        path_ = std::filesystem::absolute(*given);
        return;
    }
    // Short, under /tmp: ZeroMQ ipc:// paths must fit in a Unix socket address (~107 bytes).
    std::string pattern = (std::filesystem::temp_directory_path() / "ems120-demo-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw InputError("cannot create a temporary data directory " + pattern + ": " + std::strerror(errno));
    path_ = pattern;
    temporary_ = true;
}

DemoDataDirectory::~DemoDataDirectory() {
    if (!temporary_) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace ems120::cli
