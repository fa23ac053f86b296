// The crew screen without a terminal: what its keys do (and refuse to do) and what it shows in an
// 80x24 terminal and a bigger one.
#include <catch2/catch.hpp>

#include <algorithm>

#include "vehicle_agent/crew_keys.hpp"
#include "vehicle_agent/crew_screen_layout.hpp"
#include "vehicle_agent/spherical_earth.hpp"

using namespace ems120;
using namespace ems120::agent;
using protocol::CrewStatus;
using Action = CrewKeyOutcome::Action;

namespace {

const LatLon kStart{42.5, 1.5};

CrewKeyContext on_order(std::optional<CrewStatus> status = std::nullopt, bool acknowledged = false) {
    CrewKeyContext c;
    c.order_id = "I000001-1";
    c.acknowledged = acknowledged;
    c.status = status;
    return c;
}

CrewSituation with_order() {
    CrewSituation s;
    s.vehicle = "A12";
    s.now = 1'800'000'000'000;
    s.link = "up";
    s.last_ack_age_ms = 1200;
    s.outbox_pending = 3;
    protocol::DispatchOrder o;
    o.order_id = "I000001-1";
    o.incident_id = "I000001";
    o.lat = 42.5045;
    o.lon = 1.5043;
    o.address = "Carrer Major 3";
    o.priority.push_back('1');  // not = "1": g++ 12 -Wrestrict false positive
    o.complaint = "chest pain";
    o.note = "hospital: Meritxell";
    o.eta_ms = 300'000;
    o.distance_m = 1'000;
    // North 500 m, then east 500 m.
    o.route = {kStart, offset_m(kStart, 500, 0), offset_m(kStart, 500, 500)};
    s.order = o;
    s.fix = protocol::PositionFix{s.now, offset_m(kStart, 150, 2).lat, offset_m(kStart, 150, 2).lon, 10.0, 0.0, 1.0, 1, 9};
    s.status = CrewStatus::en_route;
    s.vitals[static_cast<std::size_t>(protocol::VitalSign::heart_rate)] = protocol::Measurement{112, true};
    s.vitals[static_cast<std::size_t>(protocol::VitalSign::spo2)] = protocol::Measurement{91, true};
    s.vitals_time = s.now - 4000;
    s.message = "order I000001-1 acknowledged (sent to the center)";
    return s;
}

std::string screen_text(const std::vector<ScreenRow>& rows) {
    std::string text;
    for (const auto& r : rows) text += r.text + "\n";
    return text;
}

}  // namespace

TEST_CASE("[A] acknowledges the order on screen, once", "[crew-screen]") {
    CHECK(interpret_crew_key('a', on_order()).action == Action::acknowledge);
    CHECK(interpret_crew_key('A', on_order()).action == Action::acknowledge);
    const auto again = interpret_crew_key('A', on_order(std::nullopt, true));
    CHECK(again.action == Action::none);
    CHECK(again.message == "order I000001-1 is already acknowledged");
    const auto none = interpret_crew_key('A', CrewKeyContext{});
    CHECK(none.action == Action::none);
    CHECK(none.message == "no order to acknowledge");
}

TEST_CASE("status keys send the status; going back or a job status without an order is refused with a message", "[crew-screen]") {
    const auto en_route = interpret_crew_key('e', on_order());
    CHECK(en_route.action == Action::send_status);
    CHECK(en_route.status == CrewStatus::en_route);
    CHECK(interpret_crew_key('S', on_order(CrewStatus::en_route)).status == CrewStatus::on_scene);
    CHECK(interpret_crew_key('P', on_order(CrewStatus::on_scene)).status == CrewStatus::patient_contact);
    CHECK(interpret_crew_key('O', on_order(CrewStatus::at_hospital)).status == CrewStatus::handover);
    // Skipping a button forgotten in the rush is allowed.
    CHECK(interpret_crew_key('T', on_order(CrewStatus::en_route)).action == Action::send_status);

    const auto back = interpret_crew_key('E', on_order(CrewStatus::on_scene));
    CHECK(back.action == Action::none);
    CHECK(back.message == "already on_scene: en_route comes before it");
    const auto same = interpret_crew_key('S', on_order(CrewStatus::on_scene));
    CHECK(same.message == "already on_scene");
    const auto no_order = interpret_crew_key('H', CrewKeyContext{});
    CHECK(no_order.action == Action::none);
    CHECK(no_order.message == "no current order: at_hospital needs one");
    // Available and out of service need no order.
    CHECK(interpret_crew_key('v', CrewKeyContext{}).status == CrewStatus::available);
    CHECK(interpret_crew_key('X', on_order(CrewStatus::transporting)).status == CrewStatus::out_of_service);
}

TEST_CASE("[Q] asks first; only [Y] quits", "[crew-screen]") {
    const auto ask = interpret_crew_key('q', on_order());
    CHECK(ask.action == Action::ask_quit);
    CHECK_THAT(ask.message, Catch::Contains("[Y]"));
    CrewKeyContext asked = on_order();
    asked.quit_asked = true;
    CHECK(interpret_crew_key('y', asked).action == Action::quit);
    const auto no = interpret_crew_key('E', asked);  // not [Y]: nothing happens, not even the status
    CHECK(no.action == Action::none);
    CHECK(no.message == "quit cancelled");
}

TEST_CASE("keys that are no button say so", "[crew-screen]") {
    CHECK(interpret_crew_key('z', on_order()).message == "key 'z' does nothing: use the keys shown below");
    CHECK(interpret_crew_key(27, on_order()).action == Action::none);    // Escape
    CHECK(interpret_crew_key(0x102, on_order()).action == Action::none); // an arrow key
    CHECK_FALSE(interpret_crew_key(0x102, on_order()).message.empty());
}

TEST_CASE("an 80x24 screen shows the order, distance, ETA, next turn, link, vitals, buttons and the message", "[crew-screen]") {
    const auto rows = lay_out_crew_screen(with_order(), 24, 80);
    REQUIRE(rows.size() == 24);
    for (const auto& r : rows) CHECK(r.text.size() <= 80);
    const std::string text = screen_text(rows);
    INFO(text);
    for (const char* expected : {"A12", "LINK UP", "outbox 3", "ORDER I000001-1", "PRIORITY 1", "Carrer Major 3", "chest pain",
                                 "hospital: Meritxell", "TO PATIENT 850 m by road", "ETA 4 min", "NEXT: in 350 m turn right",
                                 "STATUS en_route", "HR 112", "SpO2 91%", "[A] ACKNOWLEDGE", "[E] EN ROUTE", "[Q] QUIT", "[O] HANDOVER",
                                 "[X] OUT OF SERVICE"})
        CHECK_THAT(text, Catch::Contains(expected));
    CHECK(rows[2].tone == Tone::critical);
    CHECK(rows.back().tone == Tone::message);
    CHECK_THAT(rows.back().text, Catch::Contains("acknowledged (sent to the center)"));
}

TEST_CASE("a bigger screen gets boxed buttons; a smaller one still keeps the message line", "[crew-screen]") {
    const std::string big = screen_text(lay_out_crew_screen(with_order(), 40, 120));
    CHECK_THAT(big, Catch::Contains("| [E] EN ROUTE"));
    const auto small = lay_out_crew_screen(with_order(), 16, 60);
    REQUIRE(small.size() == 16);
    CHECK(small.back().tone == Tone::message);
    for (const auto& r : small) CHECK(r.text.size() <= 60);
}

TEST_CASE("the screen says when there is no order, no fix, no route, or the unit left the route", "[crew-screen]") {
    CrewSituation idle = with_order();
    idle.order.reset();
    CHECK_THAT(screen_text(lay_out_crew_screen(idle, 24, 80)), Catch::Contains("NO CURRENT ORDER"));

    CrewSituation no_fix = with_order();
    no_fix.fix.reset();
    CHECK_THAT(screen_text(guidance_rows(no_fix)), Catch::Contains("no GPS fix yet; route 1.0 km, ETA 5 min as ordered"));

    CrewSituation no_route = with_order();
    no_route.order->route.clear();
    const std::string t = screen_text(guidance_rows(no_route));
    CHECK_THAT(t, Catch::Contains("straight line"));
    CHECK_THAT(t, Catch::Contains("no route came with this order"));

    CrewSituation off = with_order();
    const LatLon away = offset_m(kStart, 150, 200);
    off.fix->lat = away.lat, off.fix->lon = away.lon;
    CHECK_THAT(screen_text(guidance_rows(off)), Catch::Contains("OFF ROUTE, 200 m from it"));

    CrewSituation down = with_order();
    down.link = "down";
    down.last_ack_age_ms.reset();
    const auto rows = lay_out_crew_screen(down, 24, 80);
    CHECK_THAT(rows[0].text, Catch::Contains("LINK DOWN, reconnecting | last ack never"));
    CHECK(rows[0].tone == Tone::link_down);
}
