import json
from datetime import date

from django.test import Client
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from alliances.rights.models import Procedure, RightsCheckRun, RightsEstimate
from alliances.rights.services import rights_check_run_execute_now, rights_check_run_start

from ..conftest import World


def test_vos_droits_in_the_file_shows_estimate_explanation_and_starts_a_procedure(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=True):  # the first visit queues the estimate
        client.get(f"/personnes/{world.person.pk}/droits/")
    html = client.get(f"/personnes/{world.person.pk}/droits/").content.decode()
    assert "573,49" in html and "estimations" in html and "Comment est-ce calculé" in html
    assert "Possible non-recours" in html
    response = client.post(f"/personnes/{world.person.pk}/droits/demarche/", {"benefit": "rsa", "helper": "referent"})
    procedure = Procedure.objects.get(person=world.person)
    assert response["Location"] == f"/demarches/{procedure.pk}/"
    assert float(procedure.estimated_amount) == 573.49  # type: ignore[arg-type]


def test_the_person_sees_their_rights_in_the_portal(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    client.force_login(world.user("person_self"))
    with django_capture_on_commit_callbacks(execute=True):  # the first visit queues the estimate
        client.get("/mon-espace/droits/")
    html = client.get("/mon-espace/droits/").content.decode()
    assert "Mes droits" in html and "573,49" in html and "308,00" in html
    client.post("/mon-espace/droits/demarche/", {"benefit": "aide_logement", "helper": "alone"})
    assert Procedure.objects.get(person=world.person).helper == "alone"


def test_caseload_check_runs_in_the_background_and_lists_by_amount(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    officer = world.user("officer")
    with django_capture_on_commit_callbacks(execute=True):
        run = rights_check_run_start(actor=officer, month="2026-11")
    run.refresh_from_db()
    assert (run.status, run.total, run.done) == ("done", 2, 2)
    assert RightsEstimate.objects.filter(run=run).count() == 2
    client.force_login(officer)
    html = client.get("/droits/non-recours/?mois=2026-11").content.decode()
    assert html.index("Camille") < html.index("Aucun") if "Aucun" in html else "Camille" in html
    assert "RSA (573,49" in html.replace("\u202f", " ")


def test_referent_check_covers_only_their_caseload(world: World) -> None:
    run = RightsCheckRun.objects.create(month=date(2026, 11, 1), requested_by=world.user("referent_of"))
    rights_check_run_execute_now(run_id=run.pk)
    assert list(RightsEstimate.objects.values_list("household_id", flat=True)) == [world.household.pk]


def test_api_rights_check_and_procedures(world: World, client: Client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.user("person_self"))
    payload = {
        "month": "2026-11",
        "households": [
            {
                "id": "a",
                "commune": "35238",
                "housing": {"status": "tenant", "rent": 450},
                "members": [{"role": "applicant", "birth_date": "1985-05-17"}],
            },
            {"id": "b", "commune": "35238", "members": [{"role": "child", "birth_date": "2015-01-01"}]},
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):  # the queue (immediate in tests) runs at commit
        response = client.post("/api/rights/check", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 202 and response.json()["status"] == "pending"
    result = client.get(response.json()["url"])
    assert result.status_code == 200 and result.json()["status"] == "done"
    body = result.json()["report"]
    assert body["results"][0]["benefits"]["rsa"] == 573.49
    assert body["errors"] == [
        {"id": "b", "field": "members", "message": "Le foyer doit compter un demandeur (« applicant »)."}
    ]
    # Another account never reads it: like a missing one.
    client.force_login(world.user("person_other"))
    assert client.get(response.json()["url"]).status_code == 404
    client.force_login(world.user("person_self"))
    created = client.post(
        f"/api/persons/{world.person.pk}/procedures",
        data=json.dumps({"benefit": "css"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    procedure_id = created.json()["id"]
    bad = client.post(
        f"/api/procedures/{procedure_id}/steps",
        data=json.dumps({"to_state": "granted"}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "n'est pas possible" in bad.json()["errors"]["to_state"][0]
    good = client.post(
        f"/api/procedures/{procedure_id}/steps",
        data=json.dumps({"to_state": "to_claim"}),
        content_type="application/json",
    )
    assert good.status_code == 201
    assert [s["link_type"] for s in good.json()["steps"]] == ["facilitation", "facilitation"]
    with django_capture_on_commit_callbacks(execute=True):  # queued on the first call
        client.get(f"/api/persons/{world.person.pk}/rights")
    rights = client.get(f"/api/persons/{world.person.pk}/rights").json()
    assert rights["benefits"]["aide_logement"] == 308.0 and rights["non_take_up"]["rsa"] == 573.49


def test_a_retried_chunk_neither_duplicates_nor_double_counts(world: World) -> None:
    from alliances.rights.services import rights_check_chunk_execute, rights_check_run_plan

    run = RightsCheckRun.objects.create(month=date(2026, 11, 1), requested_by=world.user("officer"))
    plan = rights_check_run_plan(run_id=run.pk)
    assert plan and sum(len(chunk) for chunk in plan) == 2
    for chunk in plan:
        rights_check_chunk_execute(run_id=run.pk, household_ids=chunk)
    rights_check_chunk_execute(run_id=run.pk, household_ids=plan[0])  # the queue retried it
    run.refresh_from_db()
    assert (run.done, run.status) == (2, "done")
    assert RightsEstimate.objects.count() == 2
