import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from members.enums import OrganizationStatus
from network.library import services
from network.library.models import Publication
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.library import PublicationFactory

from .files import docx_upload, odt_upload, pdf_upload, zip_upload

pytestmark = pytest.mark.django_db


def _create(by, **overrides):
    data = {
        "by": by,
        "title": "Child Trafficking in Europe",
        "type": "report",
        "summary": "How the region responds.",
        "year": 2008,
    }
    data.update(overrides)
    return services.publication_create(**data)


def test_publication_create_by_focal_point_with_pdf(focal_a, org_a):
    publication = _create(focal_a, publishers=[org_a], upload=pdf_upload(), languages=["en"])
    assert publication.slug == "child-trafficking-in-europe"
    assert list(publication.publishers.all()) == [org_a]
    assert publication.added_by == focal_a
    assert publication.document.file_extension == "pdf"
    assert publication.is_online


def test_publication_create_by_member_with_co_publisher(member_a, org_a, org_b):
    publication = _create(member_a, publishers=[org_a, org_b])
    assert set(publication.publishers.all()) == {org_a, org_b}


def test_publication_create_refused_for_person_without_member_organization(plain_user, org_a):
    with pytest.raises(PermissionDenied):
        _create(plain_user, publishers=[org_a])
    assert Publication.objects.count() == 0


def test_publication_create_refused_for_applicant_organization_member(db):
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    user = MembershipFactory(organization=applicant).user
    with pytest.raises(PermissionDenied):
        _create(user, publishers=[applicant])
    assert Publication.objects.count() == 0


def test_publication_create_refused_without_own_organization(member_a, org_b):
    with pytest.raises(ValidationError) as error:
        _create(member_a, publishers=[org_b])
    assert error.value.message_dict == {
        "publishers": ["Include your own organization among the publishers."]
    }
    assert Publication.objects.count() == 0


def test_publication_create_by_staff_with_outside_publisher_only(staff):
    publication = _create(staff, other_publishers="UNICEF Kosovo Office")
    assert publication.publishers.count() == 0
    assert publication.other_publishers == "UNICEF Kosovo Office"
    assert not publication.is_online


def test_publication_create_refused_without_any_publisher(staff):
    with pytest.raises(ValidationError) as error:
        _create(staff)
    assert error.value.message_dict == {"publishers": ["Name at least one publisher."]}


def test_publication_create_refused_month_without_year(focal_a, org_a):
    with pytest.raises(ValidationError):
        _create(focal_a, publishers=[org_a], year=None, month=5)
    assert Publication.objects.count() == 0


@pytest.mark.parametrize("upload", [docx_upload, odt_upload])
def test_publication_create_accepts_docx_and_odt(focal_a, org_a, upload):
    publication = _create(focal_a, publishers=[org_a], upload=upload())
    assert publication.document.file_extension in {"docx", "odt"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>"),
            "Only PDF, Word (DOCX) and OpenDocument (ODT) files are accepted.",
        ),
        (
            lambda: zip_upload("report.docx", {"readme.txt": "hello"}),
            "Only PDF, Word (DOCX) and OpenDocument (ODT) files are accepted.",
        ),
        (
            lambda: pdf_upload(name="report.docx"),
            "The file is a PDF but its name ends in “.docx”.",
        ),
        (
            lambda: pdf_upload(size=20 * 1024 * 1024 + 1),
            "The file is 20.0 MB; the limit is 20 MB.",
        ),
    ],
)
def test_publication_create_refuses_bad_document(focal_a, org_a, upload, message):
    from wagtail.documents.models import Document

    with pytest.raises(ValidationError) as error:
        _create(focal_a, publishers=[org_a], upload=upload())
    assert error.value.message_dict == {"document": [message]}
    assert Publication.objects.count() == 0
    assert Document.objects.count() == 0


def test_publication_update_by_publisher_member(member_a, org_a):
    publication = PublicationFactory(publishers=[org_a])
    services.publication_update(publication=publication, by=member_a, title="New title")
    publication.refresh_from_db()
    assert publication.title == "New title"


def test_publication_update_refused_for_other_organization(focal_b, org_a):
    publication = PublicationFactory(publishers=[org_a], title="Original")
    with pytest.raises(PermissionDenied):
        services.publication_update(publication=publication, by=focal_b, title="Hijacked")
    publication.refresh_from_db()
    assert publication.title == "Original"


def test_publication_update_refuses_unknown_field(staff, org_a):
    publication = PublicationFactory(publishers=[org_a])
    with pytest.raises(ValidationError):
        services.publication_update(publication=publication, by=staff, slug="other")


def test_publication_delete_by_staff(staff, org_a):
    publication = PublicationFactory(publishers=[org_a])
    services.publication_delete(publication=publication, by=staff)
    assert Publication.objects.count() == 0


def test_publication_delete_refused_for_other_organization(focal_b, org_a):
    publication = PublicationFactory(publishers=[org_a])
    with pytest.raises(PermissionDenied):
        services.publication_delete(publication=publication, by=focal_b)
    assert Publication.objects.count() == 1
