"""Errors of the catalog domain."""


class CatalogError(Exception):
    """Base of catalog errors."""


class NotFound(CatalogError):
    """Nothing public answers to that slug."""


class ProductNotFound(NotFound):
    """No active product answers to that slug."""


class CooperativeNotFound(NotFound):
    """No cooperative answers to that slug."""


class ProductMissing(NotFound):
    """No product, of any status, has that id."""


class EditRefused(CatalogError):
    """A change the back office cannot make; the web layer says why."""


class StaleEdit(EditRefused):
    """The product changed since the form was read: someone else saved first."""

    def __init__(self, current_version: int) -> None:
        super().__init__(current_version)
        self.current_version = current_version


class SkuTaken(EditRefused):
    def __init__(self, sku: str) -> None:
        super().__init__(sku)
        self.sku = sku


class SlugTaken(EditRefused):
    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


class NotPublishable(EditRefused):
    """Publishing (status active) is refused: what is missing or not allowed.

    `missing_consent`: first names the story mentions with no consent record;
    `forbidden_words`: words the privacy rule keeps out of stories;
    `no_variant`: no active variant to sell.
    """

    def __init__(self, missing_consent=(), forbidden_words=(), no_variant=False) -> None:
        super().__init__(missing_consent, forbidden_words, no_variant)
        self.missing_consent = list(missing_consent)
        self.forbidden_words = list(forbidden_words)
        self.no_variant = no_variant


class InvalidPhoto(EditRefused):
    """An upload that is not a photo we can take.

    `reason`: "too_large", "not_image", "format", "bomb", "truncated", "too_small".
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BoxRefused(EditRefused):
    """A gift box's contents cannot change that way.

    `reason`: `unknown_sku` (no variant has it), `quantity` (not 1 to 99), `box_in_box`
    (the part is itself a box), `is_part` (this product is inside another box, so it cannot
    become one), `itself` (a box cannot hold its own variant).
    """

    def __init__(self, reason: str, sku: str = "") -> None:
        super().__init__(reason, sku)
        self.reason = reason
        self.sku = sku


class PersonalisationProblem:
    """One field of a personalisation that does not fit the product's limits.

    `field`: "text" or a dimension ("width", …); `code`: "required", "too_long",
    "too_many_lines", "characters", "not_a_number", "out_of_range"; the limits it broke.
    """

    def __init__(self, field: str, code: str, *, limit: int | None = None,
                 value: int | None = None, low: int | None = None,
                 high: int | None = None) -> None:
        self.field = field
        self.code = code
        self.limit = limit
        self.value = value
        self.low = low
        self.high = high

    def __repr__(self) -> str:
        return f"PersonalisationProblem({self.field!r}, {self.code!r})"


class PersonalisationInvalid(CatalogError):
    """The customer's text or measurements do not fit what the product takes."""

    def __init__(self, problems: list[PersonalisationProblem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)

    @property
    def by_field(self) -> dict[str, PersonalisationProblem]:
        return {problem.field: problem for problem in self.problems}
