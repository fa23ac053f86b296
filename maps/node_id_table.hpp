#pragma once
// OSM node id -> dense graph index, as an open-addressing hash table. Road ways mention every
// node once or twice; std::unordered_map's allocation per entry made this the hottest part of
// building the graph.
#include <cstdint>
#include <limits>
#include <vector>

namespace ems120 {

class NodeIdTable {
public:
    // The index of `osm_id`, inserting it with index `next` when new; `inserted` says which.
    std::uint32_t find_or_insert(std::int64_t osm_id, std::uint32_t next, bool& inserted) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        std::size_t i = slot_of(osm_id);
        while (true) {
            Slot& s = slots_[i];
            if (s.key == kEmpty) {
                s = {osm_id, next};
                ++count_;
                inserted = true;
                return next;
            }
            if (s.key == osm_id) {
                inserted = false;
                return s.value;
            }
            i = (i + 1) & (slots_.size() - 1);
        }
    }

private:
    static constexpr std::int64_t kEmpty = std::numeric_limits<std::int64_t>::min();
    struct Slot {
        std::int64_t key = kEmpty;
        std::uint32_t value = 0;
    };

    std::size_t slot_of(std::int64_t key) const {
        // Fibonacci hashing spreads OSM's nearly consecutive ids over the table.
        return (static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_;
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        const std::size_t size = old.empty() ? 1024 : old.size() * 2;
        slots_.assign(size, Slot{});
        shift_ = 64;
        for (std::size_t s = size; s > 1; s >>= 1) --shift_;
        count_ = 0;
        for (const Slot& s : old) {
            if (s.key == kEmpty) continue;
            bool ignored = false;
            find_or_insert(s.key, s.value, ignored);
        }
    }

    std::vector<Slot> slots_;
    std::size_t count_ = 0;
    int shift_ = 64;
};

}  // namespace ems120
