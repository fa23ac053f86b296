#include "vehicle_agent/crew_screen_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "protocol/codec.hpp"
#include "protocol/vital_signs.hpp"
#include "vehicle_agent/crew_keys.hpp"
#include "vehicle_agent/spherical_earth.hpp"
#include "vehicle_agent/turn_guidance.hpp"

namespace ems120::agent {

namespace {

// Farther than this from the route, the unit has left it: the screen says so.
constexpr double kOffRouteM = 50.0;

std::string minutes_text(std::int64_t ms) {
    const std::int64_t minutes = (ms + 30'000) / 60'000;
    return minutes < 1 ? "under 1 min" : std::to_string(minutes) + " min";
}

std::string seconds_ago(std::int64_t ms) {
    if (ms < 60'000) return std::to_string(ms / 1000) + " s ago";
    return std::to_string(ms / 60'000) + " min ago";
}

std::string clock_text(protocol::UnixMillis t) {
    const std::int64_t day_s = (t / 1000) % 86'400;
    char text[16];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lldZ", static_cast<long long>(day_s / 3600),
                  static_cast<long long>(day_s / 60 % 60), static_cast<long long>(day_s % 60));
    return text;
}

// Cut to `cols` bytes without splitting a UTF-8 character.
std::string fit(std::string text, int cols) {
    const auto limit = static_cast<std::size_t>(std::max(cols, 0));
    if (text.size() <= limit) return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text;
}

Tone priority_tone(const std::string& priority) {
    if (priority == "1") return Tone::critical;
    if (priority == "2") return Tone::emergency;
    if (priority == "3") return Tone::urgent;
    return Tone::plain;
}

ScreenRow title_row(const CrewSituation& s) {
    std::string text = " " + s.vehicle + " | LINK " + (s.link == "up" ? std::string("UP") : s.link == "down" ? "DOWN, reconnecting" : s.link);
    text += " | last ack " + (s.last_ack_age_ms ? seconds_ago(*s.last_ack_age_ms) : std::string("never"));
    text += " | outbox " + std::to_string(s.outbox_pending) + " | " + clock_text(s.now);
    return {text, s.link == "up" ? Tone::title : Tone::link_down};
}

std::vector<ScreenRow> order_rows(const CrewSituation& s) {
    std::vector<ScreenRow> rows;
    if (!s.order) {
        rows.push_back({" NO CURRENT ORDER - waiting for the center", Tone::plain});
        return rows;
    }
    const auto& o = *s.order;
    rows.push_back({" ORDER " + o.order_id + "  incident " + o.incident_id + (o.priority.empty() ? "" : "  PRIORITY " + o.priority),
                    priority_tone(o.priority)});
    char where[48];
    std::snprintf(where, sizeof where, "%.5f, %.5f", o.lat, o.lon);
    rows.push_back({" Address: " + (o.address.empty() ? std::string(where) : o.address + " (" + where + ")"), Tone::plain});
    rows.push_back({" Complaint: " + (o.complaint.empty() ? std::string("-") : o.complaint), Tone::plain});
    if (!o.note.empty()) rows.push_back({" Note: " + o.note, Tone::plain});
    std::string ack = s.acknowledged ? " Acknowledged" : " NOT ACKNOWLEDGED: press [A]";
    if (s.other_orders) ack += "   (" + std::to_string(s.other_orders) + " earlier order(s) still open)";
    rows.push_back({ack, s.acknowledged ? Tone::good : Tone::warning});
    return rows;
}

std::string vitals_text(const CrewSituation& s) {
    using protocol::VitalSign;
    const auto value = [&](VitalSign v, const char* format) -> std::string {
        const auto& m = s.vitals[static_cast<std::size_t>(v)];
        if (!m) return "--";
        char text[24];
        std::snprintf(text, sizeof text, format, m->value);
        return std::string(text) + (m->plausible ? "" : "?");
    };
    std::string text = " VITALS HR " + value(VitalSign::heart_rate, "%.0f") + "  SpO2 " + value(VitalSign::spo2, "%.0f") + "%  BP " +
                       value(VitalSign::nibp_systolic, "%.0f") + "/" + value(VitalSign::nibp_diastolic, "%.0f") + "  RR " +
                       value(VitalSign::respiratory_rate, "%.0f") + "  T " + value(VitalSign::temperature, "%.1f") + " C";
    if (s.vitals[static_cast<std::size_t>(VitalSign::etco2)]) text += "  EtCO2 " + value(VitalSign::etco2, "%.0f");
    if (s.vitals_time) text += "  (" + seconds_ago(std::max<std::int64_t>(0, s.now - *s.vitals_time)) + ")";
    else text = " VITALS no monitor readings";
    return text;
}

// Single-line buttons packed into as few rows as `cols` allows.
std::vector<ScreenRow> compact_buttons(int cols) {
    std::vector<ScreenRow> rows(1, {"", Tone::button});
    for (const CrewButton& b : crew_buttons()) {
        const std::string label = std::string(" [") + b.key + "] " + b.label + " ";
        if (!rows.back().text.empty() && static_cast<int>(rows.back().text.size() + 1 + label.size()) > cols)
            rows.push_back({"", Tone::button});
        rows.back().text += (rows.back().text.empty() ? "" : " ") + label;
    }
    return rows;
}

// Boxed buttons, three rows high, for terminals with room for them.
std::vector<ScreenRow> boxed_buttons(int cols) {
    std::size_t widest = 0;
    for (const CrewButton& b : crew_buttons()) widest = std::max(widest, std::string(b.label).size() + 6);
    const std::size_t box = widest + 2;
    const std::size_t per_row = std::max<std::size_t>(1, static_cast<std::size_t>(cols) / (box + 1));
    std::vector<ScreenRow> rows;
    const auto buttons = crew_buttons();
    for (std::size_t first = 0; first < buttons.size(); first += per_row) {
        std::string top, middle;
        for (std::size_t i = first; i < std::min(buttons.size(), first + per_row); ++i) {
            std::string label = std::string("[") + buttons[i].key + "] " + buttons[i].label;
            label.resize(widest - 2, ' ');
            top.append("+").append(box - 2, '-').append("+ ");
            middle.append("| ").append(label).append(" | ");
        }
        rows.push_back({top, Tone::button});
        rows.push_back({middle, Tone::button});
        rows.push_back({top, Tone::button});
    }
    return rows;
}

}  // namespace

std::vector<ScreenRow> guidance_rows(const CrewSituation& s) {
    std::vector<ScreenRow> rows;
    if (!s.order) return rows;
    const auto& o = *s.order;
    const LatLon patient{o.lat, o.lon};
    if (!s.fix) {
        std::string text = " TO PATIENT no GPS fix yet";
        if (o.distance_m) text += "; route " + distance_text(*o.distance_m);
        if (o.eta_ms) text += ", ETA " + minutes_text(*o.eta_ms) + " as ordered";
        rows.push_back({text, Tone::warning});
        return rows;
    }
    const LatLon here{s.fix->lat, s.fix->lon};
    const auto progress = progress_on_route(o.route, here);
    if (!progress) {
        rows.push_back({" TO PATIENT " + distance_text(great_circle_distance_m(here, patient)) + " straight line", Tone::plain});
        rows.push_back({" NEXT: no route came with this order - head for the address", Tone::warning});
        return rows;
    }
    // The route on screen is simplified; its road length is the order's, scaled the same way.
    const double road_scale = o.distance_m && progress->length_m > 0 ? *o.distance_m / progress->length_m : 1.0;
    std::string text = " TO PATIENT " + distance_text(progress->remaining_m * road_scale) + " by road";
    if (const auto eta = remaining_eta_ms(o.eta_ms, *progress)) text += "   ETA " + minutes_text(*eta);
    rows.push_back({text, Tone::plain});
    if (progress->off_route_m > kOffRouteM) {
        rows.push_back({" NEXT: OFF ROUTE, " + distance_text(progress->off_route_m) + " from it - " +
                            describe(next_turn(o.route, *progress)) + " once back on it",
                        Tone::warning});
    } else {
        rows.push_back({" NEXT: " + describe(next_turn(o.route, *progress)), Tone::good});
    }
    rows.push_back({" (ETA = the center's " + (o.eta_ms ? minutes_text(*o.eta_ms) : std::string("?")) +
                        " scaled by the share of the route left)",
                    Tone::plain});
    return rows;
}

std::vector<ScreenRow> lay_out_crew_screen(const CrewSituation& s, int rows, int cols) {
    const ScreenRow separator{std::string(static_cast<std::size_t>(std::max(cols, 0)), '-'), Tone::plain};
    std::vector<ScreenRow> body;
    body.push_back(title_row(s));
    body.push_back(separator);
    for (auto& r : order_rows(s)) body.push_back(std::move(r));
    if (s.order) {
        body.push_back(separator);
        for (auto& r : guidance_rows(s)) body.push_back(std::move(r));
    }
    body.push_back(separator);
    body.push_back({" STATUS " + (s.status ? std::string(protocol::to_string(*s.status)) : std::string("not reported yet")), Tone::plain});
    body.push_back({vitals_text(s), Tone::plain});
    body.push_back(separator);

    // Room left above the message line decides how big the buttons are.
    const int room = rows - 1 - static_cast<int>(body.size());
    auto buttons = boxed_buttons(cols);
    if (static_cast<int>(buttons.size()) > room) buttons = compact_buttons(cols);
    // A short terminal loses the separators before it loses buttons.
    for (std::size_t i = body.size(); static_cast<int>(body.size() + buttons.size()) > rows - 1 && i-- > 1;)
        if (body[i].text == separator.text) body.erase(body.begin() + static_cast<std::ptrdiff_t>(i));
    for (auto& b : buttons) body.push_back(std::move(b));

    std::vector<ScreenRow> screen;
    for (auto& r : body) {
        if (static_cast<int>(screen.size()) >= rows - 1) break;
        screen.push_back({fit(std::move(r.text), cols), r.tone});
    }
    while (static_cast<int>(screen.size()) < rows - 1) screen.push_back({"", Tone::plain});
    if (rows > 0) screen.push_back({fit(" > " + s.message, cols), Tone::message});
    return screen;
}

}  // namespace ems120::agent
