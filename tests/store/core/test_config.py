"""The store's settings: bounds and defaults."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.store.core.config import StoreSettings


def test_settings_bounds() -> None:
    with pytest.raises(ValidationError, match="api_page_size_default"):
        StoreSettings(api_page_size_default=600, api_page_size_max=500)
    s = StoreSettings(_env_file=None)  # type: ignore[call-arg]
    assert (s.api_host, s.api_port, s.store_group_id) == ("127.0.0.1", 8000, "accord-store")
