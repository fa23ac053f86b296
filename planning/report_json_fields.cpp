#include "planning/report_json_fields.hpp"

#include <cmath>

#include "maps/input_error.hpp"

namespace ems120 {

namespace {

// A value as the error shows it: a whole array in an error line helps nobody.
std::string shown(const nlohmann::json& v) {
    std::string text = v.dump();
    return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

}  // namespace

void JsonFields::fail(const std::string& field, const std::string& problem) const {
    throw InputError(path_ + ": " + (field.empty() ? "" : field + ": ") + problem);
}

const nlohmann::json* JsonFields::optional_member(const nlohmann::json& object, const std::string& where,
                                                  const char* key) const {
    if (!object.is_object()) fail(where.empty() ? "the document" : where, "must be a JSON object");
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

const nlohmann::json& JsonFields::member(const nlohmann::json& object, const std::string& where, const char* key) const {
    const nlohmann::json* value = optional_member(object, where, key);
    if (!value) {
        const bool present = object.contains(key);
        fail(field(where, key), present ? "must not be null" : "missing");
    }
    return *value;
}

std::string JsonFields::string(const nlohmann::json& object, const std::string& where, const char* key) const {
    const nlohmann::json& v = member(object, where, key);
    if (!v.is_string()) fail(field(where, key), "must be a string, found " + shown(v));
    return v.get<std::string>();
}

double JsonFields::number(const nlohmann::json& object, const std::string& where, const char* key) const {
    const nlohmann::json& v = member(object, where, key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) fail(field(where, key), "must be a number, found " + shown(v));
    return v.get<double>();
}

std::optional<double> JsonFields::number_or_null(const nlohmann::json& object, const std::string& where,
                                                 const char* key) const {
    if (!object.is_object() || !object.contains(key)) (void)member(object, where, key);  // the same "missing" error
    if (object[key].is_null()) return std::nullopt;
    return number(object, where, key);
}

std::optional<double> JsonFields::share(const nlohmann::json& object, const std::string& where, const char* key,
                                        bool nullable) const {
    const std::optional<double> v = nullable ? number_or_null(object, where, key) : number(object, where, key);
    if (v && (*v < 0.0 || *v > 1.0)) fail(field(where, key), "must be a share between 0 and 1, found " + shown(object[key]));
    return v;
}

std::int64_t JsonFields::count_value(const nlohmann::json& v, const std::string& field) const {
    if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) fail(field, "is too large");
        return v.get<std::int64_t>();
    }
    if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return v.get<std::int64_t>();
    // 12.0 is a count a JSON writer may print; 12.5 is not.
    if (v.is_number_float() && v.get<double>() >= 0.0 && v.get<double>() <= 9e15 && std::floor(v.get<double>()) == v.get<double>())
        return static_cast<std::int64_t>(v.get<double>());
    fail(field, "must be a non-negative integer, found " + shown(v));
}

std::int64_t JsonFields::count(const nlohmann::json& object, const std::string& where, const char* key) const {
    return count_value(member(object, where, key), field(where, key));
}

bool JsonFields::boolean(const nlohmann::json& object, const std::string& where, const char* key) const {
    const nlohmann::json& v = member(object, where, key);
    if (!v.is_boolean()) fail(field(where, key), "must be true or false, found " + shown(v));
    return v.get<bool>();
}

const nlohmann::json& JsonFields::array(const nlohmann::json& object, const std::string& where, const char* key) const {
    const nlohmann::json& v = member(object, where, key);
    if (!v.is_array()) fail(field(where, key), "must be an array, found " + shown(v).substr(0, 40));
    return v;
}

}  // namespace ems120
