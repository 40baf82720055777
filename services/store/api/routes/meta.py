"""`/v1/meta/vocabularies`: the labels a client needs (types, sectors, countries, IGOs)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.store.api.schemas import Vocabularies
from services.store.vocabularies import vocabularies

router = APIRouter(prefix="/v1/meta", tags=["meta"])


@router.get("/vocabularies", response_model=Vocabularies, summary="Vocabularies")
def vocabularies_route(response: Response) -> Vocabularies:
    """Event types, sectors, ISO 3166 countries (name, numeric code) and the IGOs events can name.

    Static for a release: cacheable for a day.
    """
    response.headers["Cache-Control"] = "public, max-age=86400"
    return Vocabularies.model_validate(vocabularies())
