#include "vehicle_agent/vitals_jsonl_source.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maps/input_error.hpp"
#include "vehicle_agent/vitals_json_line.hpp"

namespace ems120::agent {
namespace {

// Enough for a fast bridge, and little enough that replaying a whole file does not hold up the
// loop's other sources: the descriptor stays readable and the loop comes straight back.
constexpr std::size_t kMaxBytesPerPoll = 64 * 1024;
constexpr std::size_t kReadChunk = 4096;
// The names of ignored keys are kept only to be shown; a bridge sending a new key every line
// must not grow memory without bound.
constexpr std::size_t kMaxIgnoredKeyNames = 16;

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

std::unique_ptr<VitalsJsonlSource> VitalsJsonlSource::open_file(const std::string& path, VitalsJsonlConfig config) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw InputError(path + ": cannot open vital-signs input: " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        throw InputError(path + ": cannot read vital-signs input: is a directory");
    }
    return std::unique_ptr<VitalsJsonlSource>(new VitalsJsonlSource(fd, OwnedFd{}, path, std::move(config)));
}

VitalsJsonlSource::VitalsJsonlSource(int fd, OwnedFd, std::string name, VitalsJsonlConfig config)
    : fd_(fd), owns_fd_(true), name_(std::move(name)), config_(std::move(config)) {}

VitalsJsonlSource::VitalsJsonlSource(int borrowed_fd, std::string name, VitalsJsonlConfig config)
    : fd_(borrowed_fd), name_(std::move(name)), config_(std::move(config)) {
    const int flags = ::fcntl(fd_, F_GETFL);
    if (flags < 0 || ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK) < 0)
        throw InputError(name_ + ": cannot read vital-signs input: " + std::strerror(errno));
    restore_flags_ = flags;
}

VitalsJsonlSource::~VitalsJsonlSource() {
    if (owns_fd_) ::close(fd_);
    else if (restore_flags_) ::fcntl(fd_, F_SETFL, *restore_flags_);
}

void VitalsJsonlSource::poll(Now now, std::vector<protocol::Vitals>& out) {
    char buffer[kReadChunk];
    for (std::size_t taken = 0; !finished_ && taken < kMaxBytesPerPoll;) {
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n > 0) {
            take_bytes(std::string_view(buffer, static_cast<std::size_t>(n)), now, out);
            taken += static_cast<std::size_t>(n);
        } else if (n == 0) {
            end_of_input(now, out);
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;  // the rest of a line, if any, comes with a later poll
        } else if (errno != EINTR) {
            last_problem_ = name_ + ": reading stopped: " + std::strerror(errno);
            finished_ = true;
        }
    }
}

void VitalsJsonlSource::take_bytes(std::string_view bytes, Now now, std::vector<protocol::Vitals>& out) {
    while (!bytes.empty()) {
        const auto newline = bytes.find('\n');
        const bool line_ends = newline != std::string_view::npos;
        const std::string_view part = bytes.substr(0, newline);
        if (!skipping_long_) {
            if (pending_.size() + part.size() > kMaxVitalsLineBytes + 1) {  // +1: a CR before the LF
                // Counted as soon as it is too long, not when its end arrives, which may be never.
                ++stats_.lines;
                count_malformed(newlines_ + 1, "longer than " + std::to_string(kMaxVitalsLineBytes) + " bytes");
                pending_.clear();
                skipping_long_ = true;
            } else {
                pending_.append(part);
            }
        }
        if (!line_ends) return;
        ++newlines_;
        if (!skipping_long_) take_line(pending_, newlines_, now, out);
        skipping_long_ = false;
        pending_.clear();
        bytes.remove_prefix(newline + 1);
    }
}

void VitalsJsonlSource::end_of_input(Now now, std::vector<protocol::Vitals>& out) {
    // A file's last line often lacks its newline; it is a line all the same.
    if (!skipping_long_ && !pending_.empty()) take_line(pending_, newlines_ + 1, now, out);
    pending_.clear();
    finished_ = true;
}

void VitalsJsonlSource::take_line(std::string_view line, std::uint64_t line_number, Now now,
                                  std::vector<protocol::Vitals>& out) {
    if (line.ends_with('\r')) line.remove_suffix(1);  // CRLF from a Windows-side bridge
    if (is_blank(line)) return;
    ++stats_.lines;
    if (line.size() > kMaxVitalsLineBytes) {
        count_malformed(line_number, "longer than " + std::to_string(kMaxVitalsLineBytes) + " bytes");
        return;
    }
    VitalsLine parsed = parse_vitals_line(line, now.unix_ms, config_.default_incident_id);
    for (auto& key : parsed.ignored_keys) {
        ++ignored_keys_;
        if (ignored_key_names_.size() < kMaxIgnoredKeyNames) ignored_key_names_.insert(std::move(key));
    }
    if (!parsed.vitals) {
        count_malformed(line_number, parsed.problem);
        return;
    }
    out.push_back(std::move(*parsed.vitals));
    ++stats_.readings;
}

void VitalsJsonlSource::count_malformed(std::uint64_t line_number, const std::string& problem) {
    ++stats_.malformed;
    last_problem_ = name_ + " line " + std::to_string(line_number) + ": " + problem;
}

std::string VitalsJsonlSource::describe() const { return "vital signs as JSON lines from " + name_; }

}  // namespace ems120::agent
