"""OAI-PMH 2.0 at /oai/: an `oai_dc` record for every public practice and toolkit version.

The protocol (envelope, argument validation, error codes, the XML) is the server of the
`oaipmh` library (the maintained fork of pyoai); `Repository` answers its questions from the
page tree. One record per language version; a version that left public view is reported as
deleted (`transient`) from its `DeletedRecord`. Lists are paged `HUB_OAI["PAGE_SIZE"]` records
at a time with keyset resumption tokens, so records published or changed during a harvest
are neither skipped nor repeated within it. See docs/api.md.
"""

import datetime
import re

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext, override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from oaipmh import common, error, metadata, server
from oaipmh.datestamp import datestamp_to_datetime, datetime_to_datestamp

from search.visibility import public_now

from .metadata import describe, harvestable
from .models import Country, DeletedRecord, GCMObjective, PracticePage, Theme, ToolkitPage
from .models.taxonomy import source_locale_terms

OAI_DC = "oai_dc"
FORMATS = [
    (
        OAI_DC,
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    )
]
KINDS = {"practice": PracticePage, "toolkit": ToolkitPage}
TOKEN_KEYS = {"metadataPrefix", "set", "from_", "until", "after"}
# Characters XML 1.0 forbids (control characters pasted from word processors).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EARLIEST = datetime.datetime(2000, 1, 1)


def identifier(page_id):
    return f"oai:{settings.HUB_OAI['REPOSITORY_IDENTIFIER']}:{page_id}"


def page_id_of(oai_identifier):
    prefix = identifier("")
    number = oai_identifier[len(prefix) :] if oai_identifier.startswith(prefix) else ""
    return int(number) if number.isdigit() and len(number) < 10 else None


def set_specs(page):
    """The sets a page version belongs to: its type, countries, themes and GCM objectives."""
    kind = "practice" if isinstance(page, PracticePage) else "toolkit"
    specs = [f"type:{kind}"]
    specs += [f"country:{term.code}" for term in page.countries.all()]
    specs += [f"theme:{term.slug}" for term in page.themes.all()]
    if kind == "practice":
        specs += [f"gcm:{term.number}" for term in page.gcm_objectives.all()]
    return specs


def _in_set(queryset, spec):
    """`queryset` narrowed to the set `spec` (None: no narrowing)."""
    if spec is None:
        return queryset
    name, _colon, value = spec.partition(":")
    model = queryset.model
    if name == "type":
        return queryset if KINDS.get(value) is model else queryset.none()
    if name == "country":
        return queryset.filter(countries__code=value)
    if name == "theme":
        return queryset.filter(themes__slug=value)
    if name == "gcm" and model is PracticePage and value.isdigit() and len(value) < 3:
        return queryset.filter(gcm_objectives__number=int(value))
    return queryset.none()


def _utc(moment):
    """A naive UTC datetime to the second, as the oaipmh library expects."""
    return moment.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)


def _stamp(*moments):
    """A record's datestamp: its last publication (EARLIEST for a page never published)."""
    return _utc(next((m for m in moments if m), EARLIEST.replace(tzinfo=datetime.UTC)))


def _entries(spec=None):
    """(datestamp, page id, deleted) of every record, optionally in one set, oldest first."""
    entries, public = [], set()
    for queryset in harvestable():
        rows = (
            _in_set(queryset, spec)
            .distinct()
            .values_list(
                "pk", "last_published_at", "first_published_at", "latest_revision_created_at"
            )
        )
        for pk, *moments in rows:
            entries.append((_stamp(*moments), pk, False))
            public.add(pk)
    for record in DeletedRecord.objects.all():
        if record.page_id not in public and (spec is None or spec in record.sets):
            entries.append((_utc(record.datestamp), record.page_id, True))
    return sorted(entries)


def _clean(text):
    return NOT_XML.sub("", text or "")


def dublin_core(description):
    """The oai_dc fields of a page version, in its language."""
    with override(description.language):
        subjects = [term.name for term in description.themes] + [
            gettext("GCM objective %(number)s: %(name)s")
            % {"number": term.number, "name": term.name}
            for term in description.gcm_objectives
        ]
        fields = {
            "title": [description.title],
            "creator": [org.name for org in description.implementers],
            "contributor": [org.name for org in description.partners + description.funders],
            "subject": subjects,
            "description": [description.summary],
            "publisher": [settings.WAGTAIL_SITE_NAME],
            "date": [description.published.isoformat()],
            "type": ["Text", description.type_label],
            "format": ["text/html"],
            "identifier": [description.url],
            "language": [description.language],
            "relation": list(description.versions.values()),
            "coverage": [term.name for term in description.countries],
            "rights": [description.license],
        }
    return {name: [_clean(value) for value in values if value] for name, values in fields.items()}


class Identify:
    """Identify answer; the earliest datestamp is only computed when asked for."""

    def __init__(self, base_url):
        self._base_url = base_url

    def repositoryName(self):
        return settings.WAGTAIL_SITE_NAME

    def baseURL(self):
        return self._base_url

    def protocolVersion(self):
        return "2.0"

    def adminEmails(self):
        return [settings.HUB_OAI["ADMIN_EMAIL"]]

    def earliestDatestamp(self):
        entries = _entries()
        return entries[0][0] if entries else EARLIEST

    def deletedRecord(self):
        return "transient"

    def granularity(self):
        return "YYYY-MM-DDThh:mm:ssZ"

    def compression(self):
        return ["identity"]

    def descriptions(self):
        return []


class Repository(common.ResumptionOAIPMH):
    """The hub's answers to the six verbs, for the oaipmh library's server."""

    def __init__(self, request):
        self.request = request

    def handleVerb(self, verb, kw):
        return getattr(self, f"_{verb}")(**kw)

    def _Identify(self):
        return Identify(self.request.build_absolute_uri(reverse("oai")))

    def _ListMetadataFormats(self, identifier=None):
        if identifier is not None and self._find(identifier) is None:
            raise error.IdDoesNotExistError(f"No record with identifier {identifier}.")
        return FORMATS

    def _ListSets(self, resumptionToken=None):
        if resumptionToken is not None:
            raise error.BadResumptionTokenError("This repository issues no tokens for ListSets.")
        with override(settings.LANGUAGE_CODE):
            sets = [
                ("type:practice", gettext("Good practices")),
                ("type:toolkit", gettext("Toolkits")),
            ]
            terms = source_locale_terms()
            for term in Country.objects.filter(terms).order_by("code"):
                sets.append((f"country:{term.code}", gettext("Country: %s") % term.name))
            for term in Theme.objects.filter(terms):
                sets.append((f"theme:{term.slug}", gettext("Theme: %s") % term.name))
            for term in GCMObjective.objects.filter(terms):
                name = gettext("GCM objective %(number)s: %(name)s") % {
                    "number": term.number,
                    "name": term.name,
                }
                sets.append((f"gcm:{term.number}", name))
        return [(spec, _clean(name), None) for spec, name in sets], None

    def _GetRecord(self, identifier, metadataPrefix):
        self._check_format(metadataPrefix)
        found = self._find(identifier)
        if found is None:
            raise error.IdDoesNotExistError(f"No record with identifier {identifier}.")
        return found

    def _ListIdentifiers(self, **kw):
        records, token = self._list(**kw)
        return [header for header, _metadata, _about in records], token

    def _ListRecords(self, **kw):
        return self._list(**kw)

    def _list(self, metadataPrefix=None, set=None, from_=None, until=None, resumptionToken=None):
        after, cursor = None, 0
        if resumptionToken is not None:
            kw, cursor, after = self._decode(resumptionToken)
            metadataPrefix, set, from_, until = (
                kw.get(key) for key in ("metadataPrefix", "set", "from_", "until")
            )
        self._check_format(metadataPrefix)
        if from_ and until and from_ > until:
            raise error.BadArgumentError("The from argument is later than the until argument.")
        entries = [
            entry
            for entry in _entries(set)
            if (from_ is None or entry[0] >= from_)
            and (until is None or entry[0] <= until)
            and (after is None or entry[:2] > after)
        ]
        size = settings.HUB_OAI["PAGE_SIZE"]
        batch = entries[:size]
        token = None
        if len(entries) > size:
            last = batch[-1]
            kw = {"metadataPrefix": metadataPrefix, "set": set, "from_": from_, "until": until}
            kw = {key: value for key, value in kw.items() if value is not None}
            kw["after"] = f"{datetime_to_datestamp(last[0])},{last[1]}"
            token = server.encodeResumptionToken(kw, cursor + size)
        elif resumptionToken is not None:
            token = ""  # an empty token closes a list that was resumed
        return self._records(batch), token

    def _decode(self, token):
        try:
            kw, cursor = server.decodeResumptionToken(token)
            moment, page_id = kw.pop("after").split(",")
            after = (datestamp_to_datetime(moment), int(page_id))
        except (error.ErrorBase, error.DatestampError, KeyError, ValueError, TypeError) as err:
            raise error.BadResumptionTokenError("The resumption token is not valid.") from err
        if not set(kw) <= TOKEN_KEYS or kw.get("metadataPrefix") != OAI_DC:
            raise error.BadResumptionTokenError("The resumption token is not valid.")
        return kw, cursor, after

    @staticmethod
    def _check_format(prefix):
        if prefix != OAI_DC:
            raise error.CannotDisseminateFormatError(
                f"This repository disseminates only {OAI_DC}, not {prefix}."
            )

    def _find(self, oai_identifier):
        page_id = page_id_of(oai_identifier)
        if page_id is None:
            return None
        records = self._records([(None, page_id, False)])
        if records:
            return records[0]
        record = DeletedRecord.objects.filter(page_id=page_id).first()
        if record is None:
            return None
        return self._records([(_utc(record.datestamp), page_id, True)], record.sets)[0]

    def _records(self, entries, deleted_sets=None):
        """(header, metadata, about) of each entry, in entry order."""
        live_ids = [pk for _moment, pk, deleted in entries if not deleted]
        pages = {}
        for queryset in harvestable():
            found = (
                queryset.filter(pk__in=live_ids)
                .select_related("locale")
                .prefetch_related("countries", "themes")
            )
            if queryset.model is PracticePage:
                found = found.prefetch_related("gcm_objectives")
            pages.update((page.pk, page) for page in found)
        sets = {}
        if deleted_sets is None:
            ids = [pk for _moment, pk, deleted in entries if deleted]
            sets = dict(
                DeletedRecord.objects.filter(page_id__in=ids).values_list("page_id", "sets")
            )
        records = []
        for moment, pk, deleted in entries:
            if deleted:
                specs = deleted_sets if deleted_sets is not None else sets.get(pk, [])
                header = common.Header(None, identifier(pk), moment, specs, True)
                records.append((header, None, None))
            elif pk in pages:
                page = pages[pk]
                stamp = _stamp(
                    page.last_published_at,
                    page.first_published_at,
                    page.latest_revision_created_at,
                )
                header = common.Header(None, identifier(pk), stamp, set_specs(page), False)
                fields = dublin_core(describe(page, self.request))
                records.append((header, common.Metadata(None, fields), None))
        return records


REGISTRY = metadata.MetadataRegistry()
REGISTRY.registerWriter(OAI_DC, server.oai_dc_writer)


def _error(endpoint, exception):
    return endpoint.handleException({}, (type(exception), exception, None))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai(request):
    """The OAI-PMH endpoint (GET or form-encoded POST, as the protocol allows)."""
    params = request.POST if request.method == "POST" else request.GET
    endpoint = server.ServerBase(Repository(request), REGISTRY)
    repeated = [key for key in params if len(params.getlist(key)) > 1]
    if "verb" in repeated or params.get("verb") == "GetMetadata":
        body = _error(endpoint, error.BadVerbError("The verb is repeated or not an OAI-PMH verb."))
    elif repeated or "from_" in params:
        body = _error(endpoint, error.BadArgumentError("An argument is repeated or unknown."))
    else:
        body = endpoint.handleRequest(params.dict())
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def record_removal(page, moment):
    """Remember that a practice or toolkit version left public view."""
    DeletedRecord.objects.update_or_create(
        page_id=page.pk, defaults={"datestamp": moment, "sets": set_specs(page)}
    )


def forget_removal(page):
    """The version is public again: its live record replaces the deleted one."""
    if public_now(type(page).objects.filter(pk=page.pk)).exists():
        DeletedRecord.objects.filter(page_id=page.pk).delete()
