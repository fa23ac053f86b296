#pragma once
// Vital signs from a bridge to a real monitor, as JSON lines (vitals_json_line.hpp) on standard
// input or in a file (`--vitals jsonl:-`, `--vitals jsonl:PATH`).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"

namespace ems120::agent {

struct VitalsJsonlConfig {
    std::string default_incident_id;  // for lines without "incident"
};

// Reads without blocking: a line that has not fully arrived waits in a buffer for the rest. A
// malformed line is counted in stats().malformed, its reason kept in last_problem(), and skipped;
// reading goes on. Blank lines are skipped and not counted. A last line without a newline still
// counts at end of input. finished() once the input ends (or fails to read).
class VitalsJsonlSource final : public InputSource<protocol::Vitals> {
public:
    // Opens `path` (a file or a FIFO whose writer is already there; a FIFO without one reads as
    // ended). Throws InputError naming the path when it cannot be opened.
    static std::unique_ptr<VitalsJsonlSource> open_file(const std::string& path, VitalsJsonlConfig config);
    // Reads `fd`, which stays the caller's (standard input, a pipe in tests). Its O_NONBLOCK flag
    // is set while this object lives and restored after, since a terminal's flags are shared with
    // the shell that started the agent. `name` is for describe() and problems, e.g. "stdin".
    VitalsJsonlSource(int borrowed_fd, std::string name, VitalsJsonlConfig config);
    ~VitalsJsonlSource() override;
    VitalsJsonlSource(const VitalsJsonlSource&) = delete;
    VitalsJsonlSource& operator=(const VitalsJsonlSource&) = delete;

    int wait_fd() const override { return finished_ ? -1 : fd_; }
    std::optional<std::int64_t> next_due() const override { return std::nullopt; }
    void poll(Now now, std::vector<protocol::Vitals>& out) override;
    bool finished() const override { return finished_; }
    SourceStats stats() const override { return stats_; }
    std::string describe() const override;

    // "stdin line 12: \"spo2\" is string, not a number"; empty while every line was fine. Also
    // says why reading stopped, if it failed.
    const std::string& last_problem() const { return last_problem_; }
    // Keys skipped because they are not vital signs (vitals_json_line.hpp): how many times, and
    // the first few distinct names, so a log can show a misspelt key once.
    std::uint64_t ignored_keys() const { return ignored_keys_; }
    const std::set<std::string>& ignored_key_names() const { return ignored_key_names_; }

private:
    struct OwnedFd {};
    VitalsJsonlSource(int fd, OwnedFd, std::string name, VitalsJsonlConfig config);

    void take_bytes(std::string_view bytes, Now now, std::vector<protocol::Vitals>& out);
    void take_line(std::string_view line, std::uint64_t line_number, Now now, std::vector<protocol::Vitals>& out);
    void end_of_input(Now now, std::vector<protocol::Vitals>& out);
    void count_malformed(std::uint64_t line_number, const std::string& problem);

    int fd_ = -1;
    bool owns_fd_ = false;
    std::optional<int> restore_flags_;  // the borrowed fd's flags before O_NONBLOCK
    std::string name_;
    VitalsJsonlConfig config_;
    std::string pending_;         // bytes after the last complete line
    std::uint64_t newlines_ = 0;  // seen so far; the line being read is number newlines_ + 1
    bool skipping_long_ = false;  // inside an over-long line, dropping bytes up to its end
    bool finished_ = false;
    SourceStats stats_;
    std::string last_problem_;
    std::uint64_t ignored_keys_ = 0;
    std::set<std::string> ignored_key_names_;
};

}  // namespace ems120::agent
