"""OAI-PMH at /oai/, harvested by a maintained client (oaipmh-scythe) and schema-validated.

The harvester's HTTP transport is Django's test client (a live server would need a
transactional database and flush the demo site). Every response it receives is validated
against the OAI-PMH 2.0 and oai_dc schemas in tests/schemas/.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction

import httpx2
import pytest
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe import exceptions as oai_errors

from practices.models import DeletedRecord, PracticeIndexPage, PracticePage, ToolkitPage
from search.visibility import public_now

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(Path(__file__).parents[1] / "schemas" / "harvest.xsd"))
OAI = "{http://www.openarchives.org/OAI/2.0/}"
PAGE_SIZE = 7


def validated(body):
    document = etree.fromstring(body)
    SCHEMA.assertValid(document)
    return document


@pytest.fixture
def responses():
    return []


@pytest.fixture
def harvester(client, settings, responses):
    """A Scythe harvester whose requests go to the Django test client."""
    settings.HUB_OAI = {**settings.HUB_OAI, "PAGE_SIZE": PAGE_SIZE}

    def handle(request):
        url = urlsplit(str(request.url))
        response = client.get(f"{url.path}?{url.query}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/xml")
        responses.append(validated(response.content))
        return httpx2.Response(200, content=response.content, headers={"Content-Type": "text/xml"})

    scythe = Scythe("http://testserver" + reverse("oai"))
    scythe._client = httpx2.Client(transport=httpx2.MockTransport(handle))
    return scythe


def public_versions():
    return sum(public_now(model.objects.all()).count() for model in (PracticePage, ToolkitPage))


def oai_error(client, **params):
    document = validated(client.get(reverse("oai"), params).content)
    return [element.get("code") for element in document.iter(f"{OAI}error")]


def test_identify_and_formats(harvester):
    identify = harvester.identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "transient"
    assert identify.baseURL == "http://testserver/oai/"
    formats = [fmt.metadataPrefix for fmt in harvester.list_metadata_formats()]
    assert formats == ["oai_dc"]


def test_sets_cover_countries_themes_and_gcm_objectives(harvester):
    specs = {item.setSpec: item.setName for item in harvester.list_sets()}
    assert specs["country:EC"].endswith("Ecuador")
    assert "theme:salud" in specs
    assert {f"gcm:{number}" for number in range(1, 24)} <= set(specs)
    assert {"type:practice", "type:toolkit"} <= set(specs)


def test_full_harvest_pages_with_resumption_tokens(harvester, responses):
    expected = public_versions()
    assert expected > 3 * PAGE_SIZE
    headers = list(harvester.list_identifiers(metadata_prefix="oai_dc"))
    assert len(headers) == expected
    assert len({header.identifier for header in headers}) == expected
    assert len(responses) == -(-expected // PAGE_SIZE)
    # the last page of a resumed list carries an empty token, the others a token
    tokens = [response.find(f".//{OAI}resumptionToken") for response in responses]
    assert all(token is not None and token.text for token in tokens[:-1])
    assert tokens[-1] is not None and not tokens[-1].text

    records = list(harvester.list_records(metadata_prefix="oai_dc"))
    assert len(records) == expected
    assert {"es", "en", "pt"} == {record.metadata["language"][0] for record in records}


def test_record_of_a_language_version(harvester, seed_practice):
    english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    record = harvester.get_record(identifier=f"oai:hub.example.org:{english.pk}")
    dc = record.metadata
    assert dc["title"] == [english.title]
    assert dc["language"] == ["en"]
    assert dc["identifier"] == [english.get_full_url()]
    assert sorted(dc["relation"]) == sorted(
        page.get_full_url()
        for page in seed_practice.get_translations(inclusive=True).live()
        if page.pk != english.pk
    )
    assert dc["coverage"] == ["Ecuador"]
    assert dc["date"] == [seed_practice.published_date.isoformat()]
    assert "Text" in dc["type"] and "Good practice" in dc["type"]
    assert any(subject.startswith("GCM objective") for subject in dc["subject"])
    assert dc["rights"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert "country:EC" in record.header.setSpecs and "type:practice" in record.header.setSpecs


def test_selective_harvest_by_set_and_dates(harvester, seed_practice):
    ecuador = list(harvester.list_identifiers(metadata_prefix="oai_dc", set_="country:EC"))
    expected = public_now(PracticePage.objects.filter(countries__code="EC")).count()
    expected += public_now(ToolkitPage.objects.filter(countries__code="EC")).count()
    assert len(ecuador) == expected
    assert all("country:EC" in header.setSpecs for header in ecuador)
    toolkits = list(harvester.list_identifiers(metadata_prefix="oai_dc", set_="type:toolkit"))
    assert len(toolkits) == public_now(ToolkitPage.objects.all()).count()

    PracticePage.objects.filter(pk=seed_practice.pk).update(
        last_published_at=timezone.now() + datetime.timedelta(days=30)
    )
    later = (timezone.now() + datetime.timedelta(days=29)).strftime("%Y-%m-%d")
    recent = list(harvester.list_identifiers(metadata_prefix="oai_dc", from_=later))
    assert [header.identifier for header in recent] == [f"oai:hub.example.org:{seed_practice.pk}"]
    before = list(harvester.list_identifiers(metadata_prefix="oai_dc", until=later))
    assert len(before) == public_versions() - 1
    with pytest.raises(oai_errors.NoRecordsMatch):
        list(harvester.list_identifiers(metadata_prefix="oai_dc", until="1999-12-31"))


def test_unpublished_practice_is_reported_deleted(harvester, seed_practice, superuser):
    identifier = f"oai:hub.example.org:{seed_practice.pk}"
    seed_practice.unpublish(user=superuser)
    record = harvester.get_record(identifier=identifier)
    assert record.deleted and "country:EC" in record.header.setSpecs
    headers = list(harvester.list_identifiers(metadata_prefix="oai_dc", set_="country:EC"))
    assert [h.deleted for h in headers if h.identifier == identifier] == [True]

    seed_practice.save_revision(user=superuser).publish(user=superuser)
    assert not DeletedRecord.objects.filter(page_id=seed_practice.pk).exists()
    assert not harvester.get_record(identifier=identifier).deleted


def test_deleted_practice_is_reported_deleted(harvester, seed_practice):
    identifier = f"oai:hub.example.org:{seed_practice.pk}"
    seed_practice.delete()
    assert harvester.get_record(identifier=identifier).deleted


def test_hidden_and_private_data_never_harvested(client, harvester, responses, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    draft = PracticePage(title="BORRADOR-OAI", slug="borrador-oai", summary="x", live=False)
    index.add_child(instance=draft)
    private = PracticePage(title="PRIVADA-OAI", slug="privada-oai", summary="x")
    index.add_child(instance=private)
    private.save_revision(user=superuser).publish(user=superuser)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    expired = PracticePage(title="CADUCADA-OAI", slug="caducada-oai", summary="x")
    index.add_child(instance=expired)
    expired.save_revision(user=superuser).publish(user=superuser)
    PracticePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    consented = PracticePage.objects.live().filter(locale=index.locale).first()
    PracticePage.objects.filter(pk=consented.pk).update(
        contact_email="punto.focal@example.org", contact_consent=True
    )

    list(harvester.list_records(metadata_prefix="oai_dc"))
    list(harvester.list_sets())
    text = b"".join(etree.tostring(response) for response in responses).decode()
    for secret in ("BORRADOR-OAI", "PRIVADA-OAI", "CADUCADA-OAI", "punto.focal@example.org"):
        assert secret not in text
    for page in (draft, private, expired):
        assert oai_error(
            client,
            verb="GetRecord",
            metadataPrefix="oai_dc",
            identifier=f"oai:hub.example.org:{page.pk}",
        ) == ["idDoesNotExist"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "GetMetadata", "identifier": "x", "metadataPrefix": "oai_dc"}, "badVerb"),
        ({"verb": ["Identify", "ListSets"]}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "foo": "bar"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "ayer"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from_": "2020-01-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2021-01-01",
                "until": "2020-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2020-01-01",
                "until": "2021-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:1"},
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:hub.example.org:999999",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "nada"}, "idDoesNotExist"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "country:ZZ"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "gcm:99999999"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1990-01-01"},
            "noRecordsMatch",
        ),
        ({"verb": "ListRecords", "resumptionToken": "basura"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "cursor%3D7%26after%3Dx"},
            "badResumptionToken",
        ),
        (
            {
                "verb": "ListRecords",
                "resumptionToken": "metadataPrefix%3Doai_dc%26cursor%3D7%26after%3D2020-01-01T00%3A00%3A00Z%2C1%26verb%3DX",
            },
            "badResumptionToken",
        ),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
        (
            {
                "verb": "ListIdentifiers",
                "resumptionToken": "metadataPrefix%3Doai_dc%26cursor%3D7%26after%3Dayer%2C1",
            },
            "badResumptionToken",
        ),
        (
            {
                "verb": "ListIdentifiers",
                "resumptionToken": "metadataPrefix%3Doai_dc%26cursor%3D7%26until%3Dnunca"
                "%26after%3D2020-01-01T00%3A00%3A00Z%2C1",
            },
            "badResumptionToken",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
    ],
)
def test_protocol_errors(client, params, code):
    assert oai_error(client, **params) == [code]


def test_post_requests_and_other_methods(client):
    response = client.post(reverse("oai"), {"verb": "Identify"})
    assert validated(response.content).find(f"{OAI}Identify") is not None
    assert client.put(reverse("oai")).status_code == 405


def test_a_record_republished_during_a_harvest_skips_no_other(client, settings):
    settings.HUB_OAI = {**settings.HUB_OAI, "PAGE_SIZE": 5}
    expected = public_versions()
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    seen = []
    while True:
        document = validated(client.get(reverse("oai"), params).content)
        seen += [element.text for element in document.iter(f"{OAI}identifier")]
        if len(seen) == 5:  # an editor republishes the first record while the harvest runs
            first = int(seen[0].rsplit(":", 1)[1])
            Page.objects.filter(pk=first).update(
                last_published_at=timezone.now() + datetime.timedelta(minutes=5)
            )
        token = document.findtext(f".//{OAI}resumptionToken")
        if not token:
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token}
    assert len(set(seen)) == expected
    assert len(seen) == expected + 1  # the republished record comes again, at the end
