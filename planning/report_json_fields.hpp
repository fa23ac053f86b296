#pragma once
// Typed reading of the JSON files a report takes (the siting GeoJSON, the simulation results):
// a missing or ill-typed field is one InputError naming the file and the field's path,
// e.g. "sim.json: runs[1].response_histogram_min[60]: must be a non-negative integer".
// Included only by those readers' .cpp files (it brings nlohmann/json.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ems120 {

class JsonFields {
public:
    explicit JsonFields(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const;

    // `object` must be a JSON object (named `where`) with `key` present and not null.
    const nlohmann::json& member(const nlohmann::json& object, const std::string& where, const char* key) const;
    // nullptr when `key` is absent or null.
    const nlohmann::json* optional_member(const nlohmann::json& object, const std::string& where, const char* key) const;

    std::string string(const nlohmann::json& object, const std::string& where, const char* key) const;
    double number(const nlohmann::json& object, const std::string& where, const char* key) const;
    std::optional<double> number_or_null(const nlohmann::json& object, const std::string& where, const char* key) const;
    // A number in [0, 1]; null allowed only where `nullable`.
    std::optional<double> share(const nlohmann::json& object, const std::string& where, const char* key,
                                bool nullable = false) const;
    std::int64_t count(const nlohmann::json& object, const std::string& where, const char* key) const;
    bool boolean(const nlohmann::json& object, const std::string& where, const char* key) const;
    const nlohmann::json& array(const nlohmann::json& object, const std::string& where, const char* key) const;

    // A non-negative integer value (an element of an array of counts).
    std::int64_t count_value(const nlohmann::json& value, const std::string& field) const;

    static std::string field(const std::string& where, const char* key) {
        return where.empty() ? std::string(key) : where + "." + key;
    }
    static std::string element(const std::string& where, std::size_t index) {
        return where + "[" + std::to_string(index) + "]";
    }

private:
    std::string path_;
};

}  // namespace ems120
