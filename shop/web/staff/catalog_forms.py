"""Forms of the staff catalog: products, variants, photos, categories, cooperatives, consent."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from shop.catalog.editing import VAT_RATES_BP
from shop.catalog.models import (
    MEASURE_LIMIT_CM,
    PERSONAL_LINES_LIMIT,
    PERSONAL_TEXT_LIMIT,
    Craft,
    Dimension,
    Institute,
    ProductStatus,
    RecoveredMaterial,
)
from shop.catalog.privacy import invalid_names, parse_names
from shop.fulfilment.services import today_local
from shop.money import PriceFormatError, parse_price_cents
from shop.web import labels

C = SelectChoice

STATUS_LABELS = {
    ProductStatus.DRAFT: _l("Draft (staff only)"),
    ProductStatus.ACTIVE: _l("Published"),
    ProductStatus.ARCHIVED: _l("Archived (off sale)"),
}
VAT_LABELS = {
    2200: _l("22% (standard rate)"),
    1000: _l("10% (reduced: e.g. some food, plants)"),
    500: _l("5% (reduced: e.g. some food)"),
    400: _l("4% (minimum: e.g. bread, books)"),
}
PRICE_ERRORS = {
    "empty": _l("Type the price, for example 12,50."),
    "negative": _l("A price cannot be negative."),
    "decimals": _l("A price has at most two decimals (cents), for example 12,50."),
    "format": _l("Type the price as a number of euro, for example 12,50 or 12.50."),
    "too_large": _l("That price is too high: check the amount."),
}


def first_names_only(form, field) -> None:
    bad = invalid_names(parse_names(field.data))
    if bad:
        raise ValidationError(_l(
            "Only first names, one word each, separated by commas (never a surname): "
            "%(names)s", names=", ".join(bad)))


def one_first_name(form, field) -> None:
    if invalid_names([" ".join((field.data or "").split())]):
        raise ValidationError(_l("One first name only, without surname."))


PERCENT_ERRORS = {
    "empty": _l("Type the percentage, for example 25 or 22,5."),
    "negative": _l("A percentage cannot be negative."),
    "decimals": _l("A percentage has at most two decimals, for example 22,5."),
    "format": _l("Type a number, for example 25 or 22,5."),
    "too_large": _l("A commission is between 0 and 100 percent."),
}


class PriceField(StringField):
    """Euro typed as `12,50` or `12.50`; `cents` holds the parsed amount."""

    cents: int | None = None
    messages = PRICE_ERRORS

    def pre_validate(self, form) -> None:
        try:
            self.cents = parse_price_cents(self.data or "")
        except PriceFormatError as exc:
            self.cents = None
            raise ValidationError(self.messages[exc.reason]) from None


class PercentField(PriceField):
    """A percentage with up to two decimals; `cents` holds it in basis points."""

    messages = PERCENT_ERRORS


TEXT_KIND_LABELS = {
    "": _l("No text"),
    "text": _l("A text (“Your text”)"),
    "engraving": _l("A text to engrave"),
    "embroidery": _l("A text to embroider"),
    "print": _l("A text to print"),
}


def _measure(label) -> IntegerField:
    """One end of a dimension's range; both ends empty when the dimension is not asked."""
    return IntegerField(label, validators=[Optional(), NumberRange(min=1, max=MEASURE_LIMIT_CM)])


def _texts(name: str, label_it, label_en, *validators, area=False):
    kind = TextAreaField if area else StringField
    return (kind(label_it, validators=list(validators)),
            kind(label_en, validators=list(validators)))


class ProductForm(FlaskForm):
    version = HiddenField()
    name_it, name_en = _texts("name", _l("Name in Italian"), _l("Name in English"),
                              InputRequired(), Length(max=200))
    description_it, description_en = _texts(
        "description", _l("Description in Italian"), _l("Description in English"),
        Length(max=5000), area=True)
    origin_story_it, origin_story_en = _texts(
        "origin_story", _l("Origin story in Italian"), _l("Origin story in English"),
        Length(max=10000), area=True)
    materials_it, materials_en = _texts("materials", _l("Materials in Italian"),
                                        _l("Materials in English"), Length(max=300))
    cooperative = SelectField(_l("Cooperative"), coerce=int, validators=[InputRequired()])
    category = SelectField(_l("Category"), coerce=int, validators=[InputRequired()])
    status = SelectField(_l("Status"), default=ProductStatus.DRAFT.value,
                         choices=[C(s.value, text) for s, text in STATUS_LABELS.items()])
    vat_rate_bp = SelectField(_l("VAT rate"), coerce=int, default=2200,
                              choices=[C(rate, VAT_LABELS[rate]) for rate in VAT_RATES_BP])
    made_to_order = BooleanField(_l("Made to order (no stock: the workshop makes each piece)"))
    lead_time_days = IntegerField(_l("Lead time for made-to-order pieces, in days"),
                                  validators=[Optional(), NumberRange(min=1, max=365)])
    impact_minutes_per_unit = IntegerField(
        _l("Minutes of paid work per piece"), default=0,
        validators=[InputRequired(), NumberRange(min=0, max=100_000)])
    recovered_grams_per_unit = IntegerField(
        _l("Grams of recovered material per piece"), default=0,
        validators=[InputRequired(), NumberRange(min=0, max=1_000_000)])
    recovered_material = SelectField(
        _l("Kind of recovered material"), default=RecoveredMaterial.NONE.value,
        choices=[C(m.value, labels.RECOVERED_MATERIALS[m.value] if m != RecoveredMaterial.NONE
                   else _l("None, or another kind")) for m in RecoveredMaterial])
    featured = BooleanField(_l("Feature on the home page"))
    people_named = StringField(_l("First names the texts mention"),
                               validators=[Length(max=300), first_names_only])
    personal_text_kind = SelectField(_l("The customer writes"), default="", choices=[
        C(code, text) for code, text in TEXT_KIND_LABELS.items()])
    personal_text_max = IntegerField(
        _l("Longest text, in characters"),
        validators=[Optional(), NumberRange(min=1, max=PERSONAL_TEXT_LIMIT)])
    personal_text_lines = IntegerField(
        _l("Lines of text"), default=1,
        validators=[Optional(), NumberRange(min=1, max=PERSONAL_LINES_LIMIT)])
    personal_text_required = BooleanField(_l("The text is required"))
    measure_width_min = _measure(_l("Smallest width, cm"))
    measure_width_max = _measure(_l("Largest width, cm"))
    measure_height_min = _measure(_l("Smallest height, cm"))
    measure_height_max = _measure(_l("Largest height, cm"))
    measure_depth_min = _measure(_l("Smallest depth, cm"))
    measure_depth_max = _measure(_l("Largest depth, cm"))

    def __init__(self, *args, cooperatives=(), categories=(), lang="it", **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative.choices = [C(c.id, c.name) for c in cooperatives]
        self.category.choices = [C(c.id, c.tr(lang).name) for c in categories]

    def validate_lead_time_days(self, field) -> None:
        if self.made_to_order.data and not field.data:
            raise ValidationError(_l("Give the lead time of a made-to-order product."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.personal_text_kind.data and not self.personal_text_max.data \
                and not self.personal_text_max.errors:
            self.personal_text_max.errors.append(
                _l("Give the longest text the customer may write."))
            valid = False
        for dimension in Dimension:
            low = getattr(self, f"measure_{dimension.value}_min")
            high = getattr(self, f"measure_{dimension.value}_max")
            if (low.data is None) != (high.data is None):
                (high if high.data is None else low).errors.append(
                    _l("Give both the smallest and the largest measure, or neither."))
                valid = False
            elif low.data is not None and low.data > high.data:
                high.errors.append(_l("The largest measure cannot be below the smallest."))
                valid = False
        return valid

    def measures(self) -> dict[str, tuple[int, int]]:
        pairs = {d.value: (getattr(self, f"measure_{d.value}_min").data,
                           getattr(self, f"measure_{d.value}_max").data) for d in Dimension}
        return {d: (low, high) for d, (low, high) in pairs.items()
                if low is not None and high is not None}

    def texts(self) -> dict[str, dict[str, str]]:
        return {locale: {name: getattr(self, f"{name}_{locale}").data or ""
                         for name in ("name", "description", "origin_story", "materials")}
                for locale in ("it", "en")}


class NewProductForm(ProductForm):
    """A new product comes with its first variant, so it can be published once ready."""

    sku = StringField(_l("SKU of the first variant"), validators=[
        InputRequired(), Length(min=2, max=64),
        Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
               message=_l("Use letters, digits, dots, dashes and underscores."))])
    label_it = StringField(_l("Variant name in Italian"), default="Unica",
                           validators=[InputRequired(), Length(max=120)])
    label_en = StringField(_l("Variant name in English"), default="One size",
                           validators=[InputRequired(), Length(max=120)])
    price = PriceField(_l("Price in euro, VAT included"))
    weight_grams = IntegerField(_l("Weight in grams"), default=0,
                                validators=[InputRequired(), NumberRange(min=0, max=100_000)])


class StatusForm(FlaskForm):
    version = HiddenField(validators=[InputRequired()])
    status = HiddenField(validators=[InputRequired()])


class VariantForm(FlaskForm):
    sku = NewProductForm.sku
    label_it = StringField(_l("Name in Italian"), validators=[InputRequired(), Length(max=120)])
    label_en = StringField(_l("Name in English"), validators=[InputRequired(), Length(max=120)])
    price = PriceField(_l("Price in euro, VAT included"))
    weight_grams = NewProductForm.weight_grams
    active = BooleanField(_l("On sale"), default=True)


class PhotoForm(FlaskForm):
    photo = FileField(_l("Photo (JPEG, PNG or WebP, up to 10 MB)"),
                      validators=[FileRequired(_l("Choose a photo to upload."))])
    alt_it = StringField(_l("Description of the photo in Italian"),
                         validators=[DataRequired(), Length(max=300)])
    alt_en = StringField(_l("Description of the photo in English"),
                         validators=[DataRequired(), Length(max=300)])


class AltForm(FlaskForm):
    alt_it = PhotoForm.alt_it
    alt_en = PhotoForm.alt_en


class BoxPartForm(FlaskForm):
    """A part of a gift box: a variant's SKU and how many go in each box."""

    sku = StringField(_l("SKU of the part"), validators=[InputRequired(), Length(max=64)])
    quantity = IntegerField(_l("Units in each box"), default=1, validators=[
        InputRequired(), NumberRange(min=1, max=99, message=_l(
            "Give a whole number of units from 1 to 99."))])


class ButtonForm(FlaskForm):
    """A form that is only a button (move, remove): its CSRF token is all it carries."""


class CategoryForm(FlaskForm):
    name_it = StringField(_l("Name in Italian"), validators=[InputRequired(), Length(max=120)])
    name_en = StringField(_l("Name in English"), validators=[InputRequired(), Length(max=120)])
    description_it = TextAreaField(_l("Description in Italian"), validators=[Length(max=2000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=2000)])
    position = IntegerField(_l("Position in menus"), default=0,
                            validators=[InputRequired(), NumberRange(min=0, max=999)])


class CooperativeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    institute = SelectField(_l("Prison"), choices=[
        C(i.value, labels.INSTITUTES[i.value]) for i in Institute])
    craft = SelectField(_l("Craft"), choices=[C(c.value, labels.CRAFTS[c.value]) for c in Craft])
    founded_year = IntegerField(_l("Founded in"), validators=[
        InputRequired(), NumberRange(min=1950, max=2100)])
    people_employed = IntegerField(_l("People at work"), validators=[
        InputRequired(), NumberRange(min=0, max=10_000)])
    contact_email = StringField(_l("Contact email"), validators=[
        InputRequired(), Length(max=254),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Type a valid email address."))])
    commission = PercentField(_l("Consortium commission, in percent"))
    lead_time_days = IntegerField(_l("Days to ship from the workshop"), validators=[
        InputRequired(), NumberRange(min=0, max=365)])
    tagline_it = StringField(_l("Tagline in Italian"), validators=[InputRequired(),
                                                                   Length(max=200)])
    tagline_en = StringField(_l("Tagline in English"), validators=[InputRequired(),
                                                                   Length(max=200)])
    story_it = TextAreaField(_l("Story in Italian"), validators=[Length(max=20000)])
    story_en = TextAreaField(_l("Story in English"), validators=[Length(max=20000)])
    people_named = ProductForm.people_named

    def validate_commission(self, field) -> None:
        if field.cents is not None and field.cents > 10_000:
            raise ValidationError(_l("A commission is between 0 and 100 percent."))


class ImpactMethodForm(FlaskForm):
    """How the cooperative measures minutes of work and grams recovered (public text)."""

    impact_method_it = TextAreaField(_l("How the figures are measured, in Italian"),
                                     validators=[Length(max=2000)])
    impact_method_en = TextAreaField(_l("How the figures are measured, in English"),
                                     validators=[Length(max=2000)])


class ConsentForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[
        InputRequired(), Length(max=60), one_first_name])
    given_on = DateField(_l("Date consent was given"), validators=[InputRequired()])
    collected_by = StringField(_l("Collected by"), validators=[InputRequired(),
                                                               Length(max=120)])
    notes = TextAreaField(_l("Notes (optional)"), validators=[Length(max=1000)])

    def validate_given_on(self, field) -> None:
        if field.data and field.data > today_local():
            raise ValidationError(_l("The date cannot be in the future."))


class ProductFilterForm(FlaskForm):
    """The product list's search and filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or SKU"), validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), default="")
    cooperative = SelectField(_l("Cooperative"), default="")
    category = SelectField(_l("Category"), default="")

    def __init__(self, *args, cooperatives=(), categories=(), lang="it", **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [C("", _l("Any status"))] + [
            C(s.value, text) for s, text in STATUS_LABELS.items()]
        self.cooperative.choices = [C("", _l("Every cooperative"))] + [
            C(str(c.id), c.name) for c in cooperatives]
        self.category.choices = [C("", _l("Every category"))] + [
            C(str(c.id), c.tr(lang).name) for c in categories]

    def value(self, name: str) -> str:
        field = getattr(self, name)
        valid = {choice.value for choice in field.choices}
        return field.data if field.data in valid else ""
