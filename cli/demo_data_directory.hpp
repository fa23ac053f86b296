#pragma once
// Where a demo keeps its dispatcher's journal, sockets and log and the units' outboxes: the
// --data directory (kept afterwards, to look at with `ems120 journal`), or a fresh temporary one
// that is removed with everything in it when the demo ends.
#include <filesystem>
#include <optional>
#include <string>

namespace ems120::cli {

class DemoDataDirectory {
public:
    // Throws InputError when the directory cannot be made.
    explicit DemoDataDirectory(const std::optional<std::string>& given);
    ~DemoDataDirectory();
    DemoDataDirectory(const DemoDataDirectory&) = delete;
    DemoDataDirectory& operator=(const DemoDataDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }
    bool temporary() const { return temporary_; }

private:
    std::filesystem::path path_;
    bool temporary_ = false;
};

}  // namespace ems120::cli
