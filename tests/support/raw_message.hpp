#pragma once
// Hand-built MessagePack maps for tests that must send what a correct encoder never would.
// Include only from test files whose target has msgpack on its include path.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <msgpack.hpp>

namespace ems120::test {

class RawMessage {
public:
    using Value = std::variant<std::int64_t, std::uint64_t, double, std::string, bool, std::nullptr_t>;

    RawMessage& set(const std::string& key, Value value) {
        for (auto& f : fields_)
            if (f.first == key) {
                f.second = std::move(value);
                return *this;
            }
        fields_.emplace_back(key, std::move(value));
        return *this;
    }
    RawMessage& erase(const std::string& key) {
        std::erase_if(fields_, [&](const auto& f) { return f.first == key; });
        return *this;
    }

    std::string bytes() const {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> p(buffer);
        p.pack_map(static_cast<std::uint32_t>(fields_.size()));
        for (const auto& [k, v] : fields_) {
            p.pack(k);
            std::visit([&](const auto& x) {
                if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::nullptr_t>) p.pack_nil();
                else p.pack(x);
            }, v);
        }
        return std::string(buffer.data(), buffer.size());
    }

    // A valid position fix from `vehicle` with `seq`, stamped `time_ms`.
    static RawMessage fix(const std::string& vehicle, std::uint64_t seq, std::int64_t time_ms) {
        RawMessage m;
        m.set("v", std::uint64_t{1}).set("t", std::string("fix")).set("veh", vehicle).set("seq", seq)
         .set("time", time_ms).set("lat", 42.5).set("lon", 1.5);
        return m;
    }

private:
    std::vector<std::pair<std::string, Value>> fields_;
};

}  // namespace ems120::test
