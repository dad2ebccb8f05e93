"""Climate test data. Each helper appends its own section below."""


# -- Climate budget in the financial plan (C4) ---------------------------------------------------------


def climate_budget_for(organisation, unit):
    """A draft climate budget of the organisation (reused) with one sector responsibility, one measure
    of ``unit`` and one reported effect."""
    from hallbar.climate import budget_services
    from hallbar.climate.models import BudgetMethod, ClimateBudget, Measure, Sector, SectorResponsibility

    budget = ClimateBudget.objects.filter(organisation=organisation).first()
    if budget is not None:
        return budget
    method = BudgetMethod.objects.filter(organisation=None).order_by("pk").first()
    budget = ClimateBudget.objects.create(
        organisation=organisation, title="Klimatbudget 2026", budget_year=2026, method=method
    )
    SectorResponsibility.objects.create(budget=budget, sector=Sector.TRANSPORT, unit=unit, share_percent=100)
    measure = Measure.objects.create(
        budget=budget,
        unit=unit,
        title="Fossilfria tjänstebilar",
        sector=Sector.TRANSPORT,
        effect_t=50,
        cost_sek=1_000_000,
        start_year=2026,
        lifetime_years=10,
    )
    budget_services.record_effect(measure, year=2026, effect_t=40)
    return budget


# -- Method presets and the organisation's choice (C3) -------------------------------------------------


def method_for(organisation, **overrides):
    """An organisation's own preset (reused): a copy of the shipped default with a smaller budget."""
    from hallbar.climate.models import BudgetMethod
    from hallbar.climate.reference import default_method_key

    method = BudgetMethod.objects.filter(organisation=organisation).order_by("pk").first()
    if method is not None and not overrides:
        return method
    shipped = BudgetMethod.objects.get(organisation=None, key=default_method_key())
    values = {
        field.name: getattr(shipped, field.name)
        for field in BudgetMethod._meta.concrete_fields
        if field.name not in ("id", "organisation", "key", "name", "version", "changed_at", "changed_by")
    }
    count = BudgetMethod.objects.filter(organisation=organisation).count()
    values.update(name=f"Egen budget {count + 1}", key=f"egen-budget-{count + 1}", budget_t=40_000_000)
    values.update(overrides)
    return BudgetMethod.objects.create(organisation=organisation, **values)


def climate_settings_for(organisation):
    """The organisation's choice of preset: its own (see ``method_for``)."""
    from hallbar.climate.models import ClimateSettings

    settings, _created = ClimateSettings.objects.get_or_create(
        organisation=organisation, defaults={"method": method_for(organisation)}
    )
    return settings


# -- Emission releases (C1) --------------------------------------------------------------------------------
#
# Release files built from the municipalities and counties in the database, so that a "good" file covers all of
# them. ``smhi_workbook`` follows the layout of SMHI's Excel export (see hallbar/climate/release_files.py): title
# rows, the years on the row above the labels Huvudsektor, Undersektor, Län, Kommun (columns A–D), then one row per
# main sector × sub-sector × county × municipality, "Alla" marking totals.

SMHI_TITLE_ROWS = 5  # rows above the year row


def municipal_csv(years=(2020, 2021, 2022), *, value=100.0, extra_rows=(), skip=()) -> bytes:
    """Municipal totals of every municipality: ``kommun_code,year,emissions_t_co2e``; ``skip`` drops (code, year)."""
    from hallbar.organisations.models import Municipality

    lines = ["kommun_code,year,emissions_t_co2e"]
    for code in Municipality.objects.order_by("code").values_list("code", flat=True):
        lines += [f"{code},{year},{value}" for year in years if (code, year) not in skip]
    lines += list(extra_rows)
    return ("\n".join(lines) + "\n").encode()


def smhi_rows(years=(2021, 2022), *, sectors=("Transporter", "Jordbruk")) -> list[list]:
    """The data rows of an SMHI export: Sweden, every county and municipality; totals, main sectors, one sub-sector.

    Every main sector is 10 t a year for a municipality (and one sub-sector row of 4 t, which must be dropped), so a
    municipality's total is 10 × the number of sectors; counties and Sweden get the sums of their members.
    """
    from hallbar.organisations.models import County, Municipality

    def block(county, municipality, factor):
        rows = [["Alla", "Alla", county, municipality, *[10.0 * len(sectors) * factor for _ in years]]]
        for sector in sectors:
            rows.append([sector, "Alla", county, municipality, *[10.0 * factor for _ in years]])
            rows.append([sector, "Någon undersektor", county, municipality, *[4.0 * factor for _ in years]])
        return rows

    rows = block("Alla", "Alla", Municipality.objects.count())
    for county in County.objects.order_by("code"):
        members = list(county.municipalities.order_by("name").values_list("name", flat=True))
        rows += block(county.name, "Alla", len(members))
        for name in members:
            rows += block(county.name, name, 1)
    return rows


def smhi_workbook(rows=None, *, years=(2021, 2022), labels=("Huvudsektor", "Undersektor", "Län", "Kommun")) -> bytes:
    """An XLSX in the layout of SMHI's export, with ``rows`` (default: :func:`smhi_rows`)."""
    import io

    import xlsxwriter

    rows = smhi_rows(years) if rows is None else rows
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Data")
    sheet.write(0, 0, "Nationella emissionsdatabasen")
    sheet.write(1, 0, "Växthusgaser totalt")
    sheet.write(2, 0, "Enhet: ton CO2-ekvivalenter")
    sheet.write_row(SMHI_TITLE_ROWS, 4, list(years))
    sheet.write_row(SMHI_TITLE_ROWS + 1, 0, list(labels))
    for index, row in enumerate(rows):
        sheet.write_row(SMHI_TITLE_ROWS + 2 + index, 0, row)
    workbook.close()
    return buffer.getvalue()


def smhi_excel_row(index: int) -> int:
    """The Excel row number of data row ``index`` (0-based) of :func:`smhi_workbook`."""
    return SMHI_TITLE_ROWS + 3 + index


def release_info(key="smhi-test", **changes):
    from hallbar.climate.releases import ReleaseInfo

    values = {
        "key": key,
        "name": "SMHI test release",
        "version": "1",
        "unit": "t CO2e",
        "publisher": "SMHI",
        "citation": "Källa: SMHI/Naturvårdsverket, Nationella emissionsdatabasen",
    }
    return ReleaseInfo(**{**values, **changes})
