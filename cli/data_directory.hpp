#pragma once
// The dispatcher's data directory: journal/ and the control socket, shared by `ems120
// dispatcher`, `ems120 fleet`, `ems120 order` and `ems120 journal`. Created mode 0700: the
// control socket accepts orders, so only its owner may reach it.
#include <filesystem>
#include <string>

namespace ems120::cli {

class DataDirectory {
public:
    explicit DataDirectory(std::filesystem::path root, bool create = true);
    std::filesystem::path journal_directory() const { return root_ / "journal"; }
    std::string control_endpoint() const { return "ipc://" + (root_ / "control.sock").string(); }
    // The dispatcher's event stream (PUB): consoles and the HTTP gateway subscribe.
    std::string events_endpoint() const { return "ipc://" + (root_ / "events.sock").string(); }

private:
    std::filesystem::path root_;
};

}  // namespace ems120::cli
