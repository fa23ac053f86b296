#include "vehicle_agent/outbox.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "protocol/codec.hpp"

namespace ems120::agent {

namespace fs = std::filesystem;
using protocol::Seq;

namespace {

constexpr std::size_t kPrefixBytes = 1 + 8 + 8;
constexpr std::int64_t kFirstSpacingMs = 2'000, kLastSpacingMs = 300'000;
constexpr std::size_t kMaxGapRanges = 2'000;  // keeps a Gap message far below the frame limit

void put64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get64(const char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

struct KindAndTime {
    RecordKind kind = RecordKind::other;
    protocol::UnixMillis time = 0;
};

KindAndTime kind_of(const protocol::Body& body) {
    if (const auto* f = std::get_if<protocol::PositionFix>(&body)) return {RecordKind::fix, f->gnss_time};
    if (const auto* v = std::get_if<protocol::Vitals>(&body)) return {RecordKind::vitals, v->time};
    if (const auto* s = std::get_if<protocol::CrewStatusChange>(&body)) return {RecordKind::other, s->time};
    if (const auto* a = std::get_if<protocol::OrderAck>(&body)) return {RecordKind::other, a->shown};
    return {};
}

void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

std::uint64_t random_stream_id() {
    std::random_device device;
    std::uint64_t id = 0;
    while (id == 0) id = (static_cast<std::uint64_t>(device()) << 32) | device();
    return id;
}

}  // namespace

Outbox::Outbox(OutboxConfig config) : config_(std::move(config)) {
    std::error_code error;
    fs::create_directories(config_.directory, error);
    if (error) throw storage::StorageError("cannot create the outbox " + config_.directory.string() + ": " + error.message());
    load();
}

Outbox::~Outbox() {
    try {
        writer_->flush();
        write_state();  // a clean stop remembers the acknowledged floor exactly
    } catch (const storage::StorageError&) {
        // Nothing is lost: without the state the next start resends, and the center de-duplicates.
    }
}

fs::path Outbox::segment_path(std::uint32_t segment) const {
    char name[32];
    std::snprintf(name, sizeof name, "%08u.log", segment);
    return config_.directory / name;
}

void Outbox::load() {
    const fs::path state_file = config_.directory / "state";
    if (std::ifstream in(state_file); in) {
        std::string word;
        while (in >> word) {
            if (word == "stream") in >> stream_id_;
            else if (word == "floor") in >> acked_floor_;
            else if (word == "last") in >> last_seq_;
            else if (word == "dropped") {
                Seq first = 0, last = 0;
                in >> first >> last;
                if (first >= 1 && first <= last) dropped_[first] = last;
            } else if (word == "dropped_counts") in >> dropped_pending_.fixes >> dropped_pending_.vitals;
            else if (word == "ems120-outbox") in >> word;
            else throw storage::StorageError(state_file.string() + ": unexpected '" + word + "'");
        }
        if (stream_id_ == 0) throw storage::StorageError(state_file.string() + " has no stream id");
    }
    const bool fresh = stream_id_ == 0;
    if (fresh) stream_id_ = random_stream_id();

    std::vector<std::uint32_t> segments;
    for (const auto& entry : fs::directory_iterator(config_.directory)) {
        const auto name = entry.path().filename().string();
        if (name.size() == 12 && name.ends_with(".log") && std::all_of(name.begin(), name.begin() + 8, ::isdigit))
            segments.push_back(static_cast<std::uint32_t>(std::stoul(name.substr(0, 8))));
    }
    std::sort(segments.begin(), segments.end());
    auto is_dropped = [&](Seq seq) {
        auto it = dropped_.upper_bound(seq);
        return it != dropped_.begin() && std::prev(it)->second >= seq;
    };
    for (const auto segment : segments) {
        const auto report = storage::read_records(segment_path(segment), [&](std::string_view payload, std::uint64_t) {
            if (payload.size() <= kPrefixBytes) return;
            const Seq seq = get64(payload.data() + 1);
            last_seq_ = std::max(last_seq_, seq);
            if (seq <= acked_floor_ || is_dropped(seq) || pending_.count(seq)) return;
            OutboxEntry e;
            e.kind = static_cast<RecordKind>(payload[0]);
            e.device_time = static_cast<protocol::UnixMillis>(get64(payload.data() + 9));
            e.bytes.assign(payload.substr(kPrefixBytes));
            e.segment = segment;
            pending_bytes_ += e.bytes.size();
            ++live_in_segment_[segment];
            pending_.emplace(seq, std::move(e));
        });
        if (!report.problem.empty())
            notes_.push_back("outbox: " + report.problem + (report.torn_tail ? " (torn tail from a crash, ignored)" : ""));
        current_segment_ = segment;
    }
    if (!pending_.empty())
        notes_.push_back("outbox: " + std::to_string(pending_.size()) + " unacknowledged messages reloaded (seq " +
                         std::to_string(pending_.begin()->first) + " to " + std::to_string(pending_.rbegin()->first) + ")");
    // Segments with nothing left to send are garbage from before the crash.
    segments_.insert(segments.begin(), segments.end());
    write_state();
    open_segment();
    remove_finished_segments();
}

void Outbox::open_segment() {
    if (writer_) writer_->flush();
    ++current_segment_;
    writer_ = std::make_unique<storage::RecordWriter>(segment_path(current_segment_));
    segments_.insert(current_segment_);
}

void Outbox::remove_finished_segments() {
    for (auto it = segments_.begin(); it != segments_.end();) {
        if (*it != current_segment_ && !live_in_segment_.count(*it)) {
            fs::remove(segment_path(*it));
            it = segments_.erase(it);
        } else {
            ++it;
        }
    }
}

void Outbox::write_state() {
    saved_floor_ = acked_floor_;
    std::ostringstream out;
    out << "ems120-outbox 1\nstream " << stream_id_ << "\nfloor " << acked_floor_ << "\nlast " << last_seq_ << "\n";
    for (const auto& [first, last] : dropped_) out << "dropped " << first << " " << last << "\n";
    out << "dropped_counts " << dropped_pending_.fixes << " " << dropped_pending_.vitals << "\n";
    const std::string text = out.str();
    const fs::path tmp = config_.directory / "state.tmp", state = config_.directory / "state";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw storage::StorageError("cannot write " + tmp.string() + ": " + std::strerror(errno));
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), state.c_str()) != 0)
        throw storage::StorageError("cannot write " + state.string() + ": " + std::strerror(errno));
    sync_directory(config_.directory);
}

Seq Outbox::append(protocol::Message& message, bool defer_flush) {
    message.seq = ++last_seq_;
    const auto [kind, time] = kind_of(message.body);
    OutboxEntry e;
    e.kind = kind;
    e.device_time = time;
    e.segment = current_segment_;
    protocol::encode(message, e.bytes);

    std::string record;
    record.reserve(kPrefixBytes + e.bytes.size());
    record.push_back(static_cast<char>(kind));
    put64(record, message.seq);
    put64(record, static_cast<std::uint64_t>(time));
    record += e.bytes;
    writer_->append(record);
    if (!defer_flush) writer_->flush();

    pending_bytes_ += e.bytes.size();
    ++live_in_segment_[current_segment_];
    pending_.emplace(message.seq, std::move(e));
    if (writer_->size() >= config_.segment_bytes) open_segment();
    if (pending_bytes_ > config_.max_bytes) enforce_cap();
    return message.seq;
}

void Outbox::flush() { writer_->flush(); }
void Outbox::sync() { writer_->sync(); }

void Outbox::release(Seq seq) {
    const auto it = pending_.find(seq);
    if (it == pending_.end()) return;
    pending_bytes_ -= it->second.bytes.size();
    if (--live_in_segment_[it->second.segment] == 0) live_in_segment_.erase(it->second.segment);
    pending_.erase(it);
}

void Outbox::acknowledge(const protocol::Ack& ack) {
    while (!pending_.empty() && pending_.begin()->first <= ack.cumulative) release(pending_.begin()->first);
    for (const auto& [first, last] : ack.ranges)
        for (auto it = pending_.lower_bound(first); it != pending_.end() && it->first <= last;) release((it++)->first);
    acked_floor_ = std::max(acked_floor_, ack.cumulative);

    // Dropped ranges the center has now counted as done.
    auto covered = [&](Seq first, Seq last) {
        if (last <= ack.cumulative) return true;
        return std::any_of(ack.ranges.begin(), ack.ranges.end(), [&](const auto& r) { return r.first <= first && last <= r.second; });
    };
    bool gaps_done = false;
    for (auto it = dropped_.begin(); it != dropped_.end();) {
        if (covered(it->first, it->second)) it = dropped_.erase(it), gaps_done = true;
        else ++it;
    }
    if (gaps_done && dropped_.empty()) dropped_pending_ = {};

    const bool segment_finished = std::any_of(segments_.begin(), segments_.end(), [&](std::uint32_t s) {
        return s != current_segment_ && !live_in_segment_.count(s);
    });
    // The floor is also saved every few thousand acknowledgements, so a crash resends little.
    if (!segment_finished && !gaps_done && acked_floor_ < saved_floor_ + 4096) return;
    // The state goes first: once a segment is gone, only the state remembers its seqs.
    write_state();
    remove_finished_segments();
}

std::optional<Seq> Outbox::newest_fix() const {
    for (auto it = pending_.rbegin(); it != pending_.rend(); ++it)
        if (it->second.kind == RecordKind::fix) return it->first;
    return std::nullopt;
}

std::optional<protocol::Gap> Outbox::unannounced_gap() const {
    if (dropped_.empty()) return std::nullopt;
    protocol::Gap gap;
    for (const auto& range : dropped_) {
        if (gap.ranges.size() == kMaxGapRanges) break;
        gap.ranges.push_back(range);
    }
    gap.fixes = dropped_pending_.fixes;
    gap.vitals = dropped_pending_.vitals;
    return gap;
}

bool Outbox::drop(Seq seq) {
    const auto it = pending_.find(seq);
    if (it == pending_.end()) return false;
    auto& counts = it->second.kind == RecordKind::fix ? dropped_pending_.fixes : dropped_pending_.vitals;
    auto& totals = it->second.kind == RecordKind::fix ? dropped_total_.fixes : dropped_total_.vitals;
    ++counts, ++totals;
    release(seq);
    // Merge into the dropped ranges.
    Seq first = seq, last = seq;
    if (auto next = dropped_.find(seq + 1); next != dropped_.end()) last = next->second, dropped_.erase(next);
    auto after = dropped_.upper_bound(seq);
    if (after != dropped_.begin() && std::prev(after)->second + 1 == seq) {
        std::prev(after)->second = last;
        return true;
    }
    dropped_[first] = last;
    return true;
}

void Outbox::enforce_cap() {
    const std::uint64_t target = config_.max_bytes / 10 * 9;
    const auto keep_fix = newest_fix();
    bool dropped_any = false;

    // 1. Thin the positions, coarser each pass; the newest fix always stays.
    for (std::int64_t spacing = kFirstSpacingMs; spacing <= kLastSpacingMs && pending_bytes_ > target; spacing *= 2) {
        std::optional<protocol::UnixMillis> last_kept;
        std::vector<Seq> victims;
        for (const auto& [seq, e] : pending_) {
            if (e.kind != RecordKind::fix || seq == keep_fix) continue;
            if (last_kept && e.device_time - *last_kept < spacing) victims.push_back(seq);
            else last_kept = e.device_time;
        }
        for (const auto seq : victims) dropped_any |= drop(seq);
    }
    // 2. Then the oldest vitals; 3. then the oldest fixes.
    for (const RecordKind kind : {RecordKind::vitals, RecordKind::fix}) {
        for (auto it = pending_.begin(); it != pending_.end() && pending_bytes_ > target;) {
            const Seq seq = it->first;
            const bool victim = it->second.kind == kind && seq != keep_fix;
            ++it;
            if (victim) dropped_any |= drop(seq);
        }
    }
    if (dropped_any) compact();
}

void Outbox::compact() {
    // Survivors move to a fresh segment; then the state names the drops; then old segments go.
    // A crash in between leaves duplicates (merged by seq on load) or undropped records, never loss.
    writer_->flush();
    open_segment();
    live_in_segment_.clear();
    for (auto& [seq, e] : pending_) {
        std::string record;
        record.push_back(static_cast<char>(e.kind));
        put64(record, seq);
        put64(record, static_cast<std::uint64_t>(e.device_time));
        record += e.bytes;
        writer_->append(record);
        e.segment = current_segment_;
        ++live_in_segment_[current_segment_];
    }
    writer_->sync();
    write_state();
    remove_finished_segments();
}

}  // namespace ems120::agent
