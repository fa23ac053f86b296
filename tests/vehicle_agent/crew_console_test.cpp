#include "vehicle_agent/crew_console.hpp"

#include <catch2/catch.hpp>

using namespace ems120::agent;
using ems120::protocol::CrewStatus;

TEST_CASE("the crew reports patient contact and handover like any other status") {
    std::string error;
    const auto contact = parse_crew_command("patient_contact O-17", error);
    REQUIRE(contact);
    CHECK(contact->status == CrewStatus::patient_contact);
    CHECK(contact->order_id == "O-17");
    const auto handover = parse_crew_command("status handover", error);
    REQUIRE(handover);
    CHECK(handover->status == CrewStatus::handover);
    const auto dashed = parse_crew_command("patient-contact", error);
    REQUIRE(dashed);
    CHECK(dashed->status == CrewStatus::patient_contact);
}

TEST_CASE("an unknown status is answered with the list of every status the crew can report") {
    std::string error;
    CHECK_FALSE(parse_crew_command("lunch", error));
    CHECK(error == "unknown crew status 'lunch' (available, en_route, on_scene, transporting, at_hospital, out_of_service, "
                   "patient_contact, handover)");
}

TEST_CASE("a cancelled order is shown to the crew on one line, with the reason when there is one") {
    CHECK(format_order_cancel({"O-17", "reassigned to B07"}) == "ORDER O-17 CANCELLED: reassigned to B07\n");
    CHECK(format_order_cancel({"O-18", ""}) == "ORDER O-18 CANCELLED\n");
}
